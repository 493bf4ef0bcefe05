import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

// Rejects passwords that are common, patterned or built from the person's own details,
// using zxcvbn-ts's offline dictionaries (leaked-password lists, English words, names,
// keyboard walks). A library made for the job: a hand-made blocklist would miss
// "Password123!" and "qwertyuiop123". Server-only: the dictionaries are ~1.5 MB.

/** zxcvbn's 0–4 scale: 3 is "safely unguessable: moderate protection from offline attack". */
const MIN_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

/** Why a password is too easy to guess, as a sentence for the form, or null when it is fine. */
export function weakPasswordReason(password: string, personal: readonly string[] = []): string | null {
  const result = estimator().check(password, [...personal]);
  if (result.score >= MIN_SCORE) return null;
  const warning = result.feedback.warning?.replace(/\.$/, "");
  return `${warning ? `${warning}: ` : "This password is easy to guess: "}add a few uncommon words, or use a password manager's suggestion.`;
}
