"use client";

import { useState } from "react";

export type ComponentChoice = { group: string | null; components: { id: string; name: string }[] };

/** "Everything" or a chosen set of components; sends `components` fields only for a chosen set. */
export function ComponentPicker({ choices, selected }: { choices: ComponentChoice[]; selected: string[] }) {
  const [some, setSome] = useState(selected.length > 0);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">What to hear about</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name="scope" value="all" checked={!some} onChange={() => setSome(false)} className="h-4 w-4" />
        Every incident and maintenance
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name="scope" value="some" checked={some} onChange={() => setSome(true)} className="h-4 w-4" />
        Only the components I choose
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
