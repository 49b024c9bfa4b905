/**
 * `chat-file-upload/react`: the element as a React component, for React 18 and 19. Every setting
 * is a prop set as a property on the element (never as an attribute, so nothing is lost to
 * lower-casing: `threadId`, `maxFiles`, objects); events are `onUploadSuccess`-style props with
 * their `detail` types. A prop taken away puts the element's default back.
 *
 * Only this entry imports React (an optional peer dependency of the package).
 */
import * as React from 'react';
import { ChatFileUpload as ChatFileUploadElement, defineChatFileUpload } from './index.js';
import { eventProps, properties, type ChatFileUploadEventProps, type ChatFileUploadProperties } from './types-public.js';

defineChatFileUpload();

type Handlers = Partial<Record<keyof typeof eventProps, (event: Event) => void>>;

/** What the component takes: the element's properties, its events, and any HTML attribute. */
export type ChatFileUploadProps = ChatFileUploadProperties &
  ChatFileUploadEventProps &
  Omit<React.HTMLAttributes<ChatFileUploadElement>, keyof ChatFileUploadProperties | keyof ChatFileUploadEventProps> & {
    ref?: React.Ref<ChatFileUploadElement>;
  };

const propertyNames: ReadonlySet<string> = new Set(properties);
const isEventProp = (key: string): key is keyof typeof eventProps => Object.hasOwn(eventProps, key);

// Layout effects run before the element's first render (a microtask after it is connected);
// on a server there is no element, and React warns about layout effects.
const useBeforePaint = typeof document === 'undefined' ? React.useEffect : React.useLayoutEffect;

export const ChatFileUpload = React.forwardRef<ChatFileUploadElement, Omit<ChatFileUploadProps, 'ref'>>(function ChatFileUpload(props, ref) {
  const element = React.useRef<ChatFileUploadElement | null>(null);
  /** the element's own value of each property this component has set, to restore when the prop goes */
  const defaults = React.useRef(new Map<string, unknown>());
  const handlers = React.useRef<Handlers>({});

  const settings: Record<string, unknown> = {};
  const current: Handlers = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (propertyNames.has(key)) settings[key] = value;
    else if (isEventProp(key)) current[key] = value as (event: Event) => void;
    else rest[key] = value;
  }
  handlers.current = current;

  useBeforePaint(() => {
    const target = element.current as unknown as Record<string, unknown> | null;
    if (!target) return;
    for (const name of properties) {
      if (name in settings) {
        if (!defaults.current.has(name)) defaults.current.set(name, target[name]);
        if (!Object.is(target[name], settings[name])) target[name] = settings[name];
      } else if (defaults.current.has(name)) {
        target[name] = defaults.current.get(name);
        defaults.current.delete(name);
      }
    }
  });

  useBeforePaint(() => {
    const target = element.current;
    if (!target) return;
    const listeners = Object.entries(eventProps).map(([prop, type]) => {
      const listener = (event: Event) => handlers.current[prop as keyof typeof eventProps]?.(event);
      target.addEventListener(type, listener);
      return () => target.removeEventListener(type, listener);
    });
    return () => listeners.forEach((stop) => stop());
  }, []);

  const setRef = React.useCallback(
    (node: ChatFileUploadElement | null) => {
      element.current = node;
      if (typeof ref === 'function') ref(node);
      else if (ref) ref.current = node;
    },
    [ref],
  );

  return React.createElement('chat-file-upload', { ...rest, ref: setRef, suppressHydrationWarning: true });
});
ChatFileUpload.displayName = 'ChatFileUpload';

export type { ChatFileUploadElement };
export type * from './index.js';
