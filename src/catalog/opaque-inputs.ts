import { Kind, parse } from 'graphql';

/**
 * How the page schema marks an input object whose fields the reference page does not document: a
 * scalar with this description. The page stage writes it; the codegen stage and the mocks read it.
 */
export const OPAQUE_INPUT_DESCRIPTION =
  'Opaque input object: the reference page does not document its fields. Send it as a JSON object.';

/** Reads back from SDL which scalars are opaque input objects (their description says so). */
export function opaqueInputScalarNames(schemaSdl: string): string[] {
  return parse(schemaSdl)
    .definitions.flatMap((definition) =>
      definition.kind === Kind.SCALAR_TYPE_DEFINITION && definition.description?.value === OPAQUE_INPUT_DESCRIPTION
        ? [definition.name.value]
        : [],
    )
    .sort();
}
