// A software WebAuthn authenticator for the integration tests: real ES256 keys (node:crypto),
// real CBOR, attestation "none", so the server verifies its answers exactly as a browser's.
// Each answer can be bent (origin, RP ID, counter, flags) to test what the server refuses.
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { isoCBOR } from "@simplewebauthn/server/helpers";

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();
const b64url = (data: Uint8Array) => Buffer.from(data).toString("base64url");

export interface Bend {
  origin?: string;
  rpId?: string;
  /** Sign without user verification (a key touched, not unlocked). */
  userVerified?: boolean;
  /** The counter to report instead of the next one. */
  counter?: number;
  /** Sign this challenge instead of the one in the options. */
  challenge?: string;
}

export class SoftwareAuthenticator {
  readonly credentialId = randomBytes(16);
  private readonly privateKey: KeyObject;
  private readonly publicKeyCose: Uint8Array;
  private userHandle: string | null = null;

  /** `counting: false` is a synced passkey that always reports 0; otherwise each use counts up from `counter`. */
  constructor(
    readonly origin: string,
    private counter = 0,
    private readonly counting = true,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: "jwk" });
    this.publicKeyCose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x!, "base64url")],
        [-3, Buffer.from(jwk.y!, "base64url")],
      ]),
    );
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  private clientData(type: string, challenge: string, bend: Bend): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge: bend.challenge ?? challenge, origin: bend.origin ?? this.origin, crossOrigin: false }));
  }

  private authData(rpId: string, bend: Bend, attested: Uint8Array | null): Buffer {
    const flags = FLAG_UP | (bend.userVerified === false ? 0 : FLAG_UV) | FLAG_BE | FLAG_BS | (attested ? FLAG_AT : 0);
    const count = Buffer.alloc(4);
    count.writeUInt32BE(bend.counter ?? this.counter);
    return Buffer.concat([sha256(bend.rpId ?? rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  }

  /** navigator.credentials.create(), as @simplewebauthn/browser's startRegistration returns it. */
  register(options: PublicKeyCredentialCreationOptionsJSON, bend: Bend = {}): RegistrationResponseJSON {
    this.userHandle = options.user.id;
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, this.credentialId, this.publicKeyCose]); // AAGUID zero: attestation none
    const authData = this.authData(options.rp.id ?? "", bend, attested);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ["fmt", "none"],
        ["attStmt", new Map<string, string>()],
        ["authData", authData],
      ]),
    );
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(this.clientData("webauthn.create", options.challenge, bend)),
        attestationObject: b64url(attestationObject),
        transports: ["internal", "hybrid"],
      },
    };
  }

  /** navigator.credentials.get(), as startAuthentication returns it; counts one use. */
  assert(options: PublicKeyCredentialRequestOptionsJSON, bend: Bend = {}): AuthenticationResponseJSON {
    if (this.counting && bend.counter === undefined) this.counter += 1;
    const authData = this.authData(options.rpId ?? "", bend, null);
    const clientData = this.clientData("webauthn.get", options.challenge, bend);
    const signature = sign("sha256", Buffer.concat([authData, sha256(clientData)]), this.privateKey); // DER, as WebAuthn's ES256
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientData),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(this.userHandle ? { userHandle: this.userHandle } : {}),
      },
    };
  }
}
