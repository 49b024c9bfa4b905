/** The locales that ship: import one and pass it as `strings`. */
export { ar } from './ar.js';
export { de } from './de.js';
export { en, formatSize, type Strings } from './en.js';
export { es } from './es.js';
export { fr } from './fr.js';
export { ptBR } from './pt-BR.js';
