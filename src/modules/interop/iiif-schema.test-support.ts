import fs from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { sharedData } from '../../../test/helpers/shared-data';

const SCHEMA = sharedData('schemas', 'iiif-presentation-3.json');

/**
 * The IIIF Presentation 3 JSON Schema of the IIIF validator (draft-07, which Ajv 8 speaks by
 * default), with its formats. Strict mode is off because the published schema has a few keywords
 * Ajv does not know (`"type:"` typos in its selectors); they constrain nothing either way.
 */
export function presentationValidator(): (doc: unknown) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
}
