"use client";

import { useState } from "react";
import type { PickerText } from "./text";

export type ComponentChoice = { group: string | null; components: { id: string; name: string }[] };

/** The console's words (it is English); public pages pass the catalogue's (components/subscribe/text.ts). */
const CONSOLE_TEXT: PickerText = { legend: "What to hear about", all: "Every incident and maintenance", some: "Only the components I choose" };

/** "Everything" or a chosen set of components; sends `components` fields only for a chosen set. */
export function ComponentPicker({ choices, selected, text = CONSOLE_TEXT }: { choices: ComponentChoice[]; selected: string[]; text?: PickerText }) {
  const [some, setSome] = useState(selected.length > 0);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{text.legend}</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name="scope" value="all" checked={!some} onChange={() => setSome(false)} className="h-4 w-4" />
        {text.all}
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name="scope" value="some" checked={some} onChange={() => setSome(true)} className="h-4 w-4" />
        {text.some}
      </label>
      {some && (
        <div className="ml-6 grid gap-1 sm:grid-cols-2">
          {choices.map((choice, i) => (
            <div key={choice.group ?? `c${i}`} className={choice.group ? "sm:col-span-2" : ""}>
              {choice.group && <p className="mt-2 text-xs font-semibold uppercase tracking-wide text-zinc-500">{choice.group}</p>}
              {choice.components.map((c) => (
                <label key={c.id} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="components" value={c.id} defaultChecked={selected.includes(c.id)} className="h-4 w-4" />
                  {c.name}
                </label>
              ))}
            </div>
          ))}
        </div>
      )}
    </fieldset>
  );
}
