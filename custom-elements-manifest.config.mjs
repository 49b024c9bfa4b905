// The Custom Elements Manifest (`npm run manifest` → dist/custom-elements.json), exact: only the
// element's public attributes and properties (no internal state fields, nothing private), and
// only its real events, each with its `detail` type from `UploadEvents` (src/core/types.ts).
// test/build/manifest.test.ts compares it with the element itself.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** `UploadEvents`' members: event name → the TypeScript text of its detail. */
function uploadEvents() {
  const file = 'src/core/types.ts';
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const events = new Map();
  const visit = (node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'UploadEvents') {
      for (const member of node.members) {
        if (!ts.isPropertySignature(member) || !member.type) continue;
        const name = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText(source);
        events.set(name, member.type.getText(source).replace(/\s+/g, ' '));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return events;
}

/**
 * Names in a Lit `static properties` object declared `state: true` (internal reactive state).
 * `ts` is the analyzer's own TypeScript, whose syntax kinds may differ from ours.
 */
function stateFields(ts, classNode) {
  const names = new Set();
  for (const member of classNode.members ?? []) {
    const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
    if (!isStatic || member.name?.getText() !== 'properties' || !member.initializer || !ts.isObjectLiteralExpression(member.initializer)) continue;
    for (const property of member.initializer.properties) {
      if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.initializer)) continue;
      const state = property.initializer.properties.some((o) => ts.isPropertyAssignment(o) && o.name.getText() === 'state' && o.initializer.kind === ts.SyntaxKind.TrueKeyword);
      if (state) names.add(property.name.getText());
    }
  }
  return names;
}

function exactManifest() {
  const internal = new Map();
  return {
    name: 'chat-file-upload-exact-manifest',
    analyzePhase({ ts: tsApi, node }) {
      if (node.kind === tsApi.SyntaxKind.ClassDeclaration && node.name) internal.set(node.name.getText(), stateFields(tsApi, node));
    },
    packageLinkPhase({ customElementsManifest }) {
      const events = uploadEvents();
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement) continue;
          const state = internal.get(declaration.name) ?? new Set();
          const hidden = (member) => state.has(member.name) || member.privacy === 'private' || member.privacy === 'protected' || member.name.startsWith('#');
          declaration.members = (declaration.members ?? []).filter((member) => !hidden(member));
          declaration.attributes = (declaration.attributes ?? []).filter((attribute) => !state.has(attribute.fieldName ?? attribute.name));
          declaration.events = (declaration.events ?? [])
            .filter((event) => events.has(event.name))
            .map((event) => ({ ...event, type: { text: `CustomEvent<${events.get(event.name)}>` } }));
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [exactManifest()],
};
