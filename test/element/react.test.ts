import { createElement, createRef } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatFileUpload as Element, Rejection } from '../../src/index.ts';
import { ChatFileUpload, type ChatFileUploadProps } from '../../src/react.ts';
import { properties, type ChatFileUploadProperties } from '../../src/types-public.ts';
import { everyProperty } from '../fixtures/shared/settings.ts';

/** The React wrapper (`chat-file-upload/react`) in React 19; test/e2e/package.spec.ts tries React 18 too. */
let root: Root | undefined;
let host: HTMLElement | undefined;

function render(props: ChatFileUploadProps): Element {
  host ??= document.body.appendChild(document.createElement('div'));
  root ??= createRoot(host);
  flushSync(() => root!.render(createElement(ChatFileUpload, props)));
  return host.querySelector('chat-file-upload') as Element;
}

afterEach(() => {
  root?.unmount();
  host?.remove();
  root = host = undefined;
});

/** Every setting away from its default (the fixture apps' set), with a few that suit this page. */
const settings = {
  ...everyProperty,
  flow: 'single',
  persist: false,
  imageQuality: 'high',
  anchor: 'nowhere',
  confirmFields: { alias: 'Bot' },
} satisfies Required<ChatFileUploadProperties>;

describe('the React wrapper', () => {
  it('sets every setting as a property on the element, camelCase and objects included, none as an attribute', () => {
    const element = render({ ...settings, id: 'upload', className: 'themed' });
    expect(Object.keys(settings).sort()).toEqual([...properties].sort());
    for (const [name, value] of Object.entries(settings)) expect((element as unknown as Record<string, unknown>)[name], name).toEqual(value);
    expect(element.id).toBe('upload');
    expect(element.className).toBe('themed');
    for (const name of Object.keys(settings)) if (/[A-Z]/.test(name)) expect(element.hasAttribute(name.toLowerCase()), name).toBe(false);
  });

  it('puts the element’s default back when a prop is taken away', () => {
    const fresh = document.createElement('chat-file-upload') as unknown as Record<string, unknown>;
    const element = render(settings) as unknown as Record<string, unknown>;
    render({});
    for (const name of properties) expect(element[name], name).toEqual(fresh[name]);
  });

  it('calls the latest onFileReject with the typed event, and the ref is the element', async () => {
    const seen: string[] = [];
    const ref = createRef<Element>();
    const files = [new File(['a'], 'a.txt'), new File(['b'], 'b.txt')];
    render({ maxFiles: 1, ref, onFileReject: (event) => seen.push(`first ${event.detail.file.name}`) });
    render({ maxFiles: 1, ref, onFileReject: (event: CustomEvent<Rejection>) => seen.push(`latest ${event.detail.file.name} ${event.detail.reason}`) });
    expect(ref.current?.tagName).toBe('CHAT-FILE-UPLOAD');
    ref.current!.addFiles(files);
    expect(seen).toEqual(['latest b.txt too-many']);
    await expect.poll(() => ref.current!.shadowRoot?.textContent ?? '').toContain('b.txt');
  });
});
