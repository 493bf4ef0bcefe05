"use client";

import { CopyButton } from "@/components/console/CopyButton";

/** The channel radio buttons of the public and console subscriber forms. */
export function ChannelChoice({
  legend,
  channels,
  value,
  onChange,
}: {
  legend: string;
  channels: readonly { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-4">
        {channels.map((c) => (
          <label key={c.value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="channel" value={c.value} checked={value === c.value} onChange={() => onChange(c.value)} className="h-4 w-4" />
            {c.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export interface WebhookSecretText {
  /** The help sentence split around its two code spans: [before, code, between, code, after]. */
  help: string[];
  copy: string;
  copied: string;
}

/** The console's words (it is English); the public form passes the catalogue's. */
const CONSOLE_TEXT: WebhookSecretText = {
  help: ["Each POST carries ", "X-Vigil-Signature: t=…,v1=…", ", an HMAC-SHA256 of ", "t.body", " with this secret."],
  copy: "Copy secret",
  copied: "Copied",
};

/** A webhook's signing secret, shown once with how receivers check it. */
export function WebhookSecret({ secret, intro, text = CONSOLE_TEXT }: { secret: string; intro: string; text?: WebhookSecretText }) {
  const [before, code1, between, code2, after] = text.help;
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
      <p className="font-medium">{intro}</p>
      <code data-testid="webhook-secret" className="mt-1 block break-all font-mono text-xs">
        {secret}
      </code>
      <p className="mt-2">
        {before}
        <code>{code1}</code>
        {between}
        <code>{code2}</code>
        {after}
      </p>
      <div className="mt-2">
        <CopyButton text={secret} label={text.copy} copiedLabel={text.copied} />
      </div>
    </div>
  );
}
