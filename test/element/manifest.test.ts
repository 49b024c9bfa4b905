/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { ChatFileUpload } from '../../src/index.ts';
import { eventProps, properties } from '../../src/types-public.ts';

/**
 * The Custom Elements Manifest (`npm run build` writes dist/custom-elements.json) against the
 * element itself: its observed attributes, its reactive properties, the events it declares, the
 * parts its templates render and the custom properties its styles read.
 */
type Named = { name: string; description?: string; type?: { text: string }; fieldName?: string; kind?: string; privacy?: string };
type Declaration = { name: string; tagName?: string; customElement?: boolean; attributes?: Named[]; members?: Named[]; events?: Named[]; cssParts?: Named[]; cssProperties?: Named[] };

const manifests = import.meta.glob<{ modules: { declarations?: Declaration[] }[] }>('/dist/custom-elements.json', { eager: true, import: 'default' });
const sources = import.meta.glob<string>(['/src/element/*.ts', '/src/core/types.ts'], { eager: true, query: '?raw', import: 'default' });

const element = (): Declaration => {
  const manifest = manifests['/dist/custom-elements.json'];
  expect(manifest, 'run npm run build first').toBeDefined();
  const found = manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.customElement);
  expect(found.map((d) => d.tagName)).toEqual(['chat-file-upload']);
  return found[0];
};
const names = (list: Named[] | undefined) => (list ?? []).map((entry) => entry.name).sort();
const source = (glob: RegExp) => Object.entries(sources).filter(([path]) => glob.test(path)).map(([, text]) => text).join('\n');

describe('the custom elements manifest', () => {
  it('lists exactly the attributes the element observes, each with the property it sets', () => {
    const declaration = element();
    expect(names(declaration.attributes)).toEqual([...ChatFileUpload.observedAttributes].sort());
    const options = ChatFileUpload.elementProperties;
    for (const attribute of declaration.attributes!) {
      const name = attribute.fieldName!;
      expect(options.get(name as keyof ChatFileUpload)?.attribute ?? name, `${attribute.name} → ${name}`).toBe(attribute.name);
      expect(attribute.description, `${attribute.name} has a description`).toBeTruthy();
    }
  });

  it('lists the public properties only: every settable one and the read-only ones, no internal state or private field', () => {
    const fields = (element().members ?? []).filter((member) => member.kind === 'field');
    expect(names(fields)).toEqual([...properties, 'items', 'dragging'].sort());
    const internal = [...ChatFileUpload.elementProperties].filter(([, options]) => options.state).map(([name]) => String(name));
    expect(internal.length).toBeGreaterThan(0);
    for (const name of internal) expect(names(fields)).not.toContain(name);
    for (const field of fields) expect(field.description, `${field.name} has a description`).toBeTruthy();
    // Each settable property is a reactive property with an accessor, so frameworks find it on the element.
    for (const name of properties) expect(Object.getOwnPropertyDescriptor(ChatFileUpload.prototype, name)?.set, name).toBeTypeOf('function');
  });

  it('lists every event of UploadEvents, each with its detail type and a description, and no other', () => {
    const declared = [...source(/types\.ts$/).matchAll(/^\s+'([a-z-]+)': /gm)].map((match) => match[1]).sort();
    expect(declared).toEqual(Object.values(eventProps).sort());
    const events = element().events ?? [];
    expect(names(events)).toEqual(declared);
    for (const event of events) {
      expect(event.type?.text, event.name).toMatch(/^CustomEvent<.+>$/);
      expect(event.description, event.name).toBeTruthy();
    }
    expect(events.find((event) => event.name === 'upload-success')?.type?.text).toBe('CustomEvent<{ item: UploadItem; response: unknown }>');
  });

  it('lists every part the templates render, the panel included, and every custom property the styles read', () => {
    const templates = source(/\/src\/element\/(?!.*styles).*\.ts$/);
    // Static parts, and the quoted choices of a bound one (`part=${failed ? 'item failed' : 'item'}`)
    // or of one set on a card's own element (`setAttribute('part', failed ? 'item failed' : 'item')`),
    // and the part a card's icon button is given, its last argument (`icon('cancel', …, 'cancel-button')`).
    const bound = [...templates.matchAll(/(?:part=\$\{|setAttribute\('part', )([^})]+)/g)].flatMap((match) => [...match[1].matchAll(/'([a-z -]+)'/g)].map((quoted) => quoted[1]));
    bound.push(...[...templates.matchAll(/\bicon\([^()]*'([a-z-]+)'\)/g)].map((match) => match[1]));
    const parts = new Set([...[...templates.matchAll(/part="([^"$]+)"/g)].map((match) => match[1]), ...bound].flatMap((list) => list.split(/\s+/)));
    expect(parts.has('panel')).toBe(true);
    expect(names(element().cssParts)).toEqual([...parts].sort());
    const styles = source(/\/src\/element\/.*\.ts$/);
    const custom = new Set([...styles.matchAll(/var\((--chat-file-upload-[a-z-]+)/g)].map((match) => match[1]));
    expect(names(element().cssProperties)).toEqual([...custom].sort());
  });
});
