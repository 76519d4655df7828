/**
 * The browser verification page's script (`GET /verify`): reads the files a clerk drops (the
 * bundle, optionally the document and a trust list, or the gateway's own `/trust` with its
 * fingerprints shown for comparison with the published list), runs {@link verifyBundle} here in
 * the browser, and lists every check, passed or failed with its reason. Bundled for the browser
 * by `scripts/buildPage.mjs`; no Node module.
 */
import { suitrust } from '@suitrust/proto';
import { toHex } from '../bytes';
import type { Verification } from '../check';
import { verifyBundle } from '../verifyBundle';

type TrustAnchors = suitrust.proofs.v1.ITrustAnchors;

const element = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
};

async function fileBytes(input: HTMLInputElement): Promise<Uint8Array | undefined> {
  const file = input.files?.[0];
  return file ? new Uint8Array(await file.arrayBuffer()) : undefined;
}

/** Protobuf JSON starts with `{`; anything else is read as the protobuf encoding. */
function readBundle(bytes: Uint8Array): suitrust.proofs.v1.IProofBundle | Uint8Array {
  if (bytes[0] !== 0x7b) return bytes;
  return suitrust.proofs.v1.ProofBundle.fromObject(JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>);
}

function readTrust(text: string): TrustAnchors {
  return suitrust.proofs.v1.TrustAnchors.fromObject(JSON.parse(text) as Record<string, unknown>);
}

function showFingerprints(trust: TrustAnchors): void {
  const lines = [
    ...(trust.certificates ?? []).map((certificate) => `${certificate.mspId ?? ''} ${certificate.role ?? ''} certificate SHA-256 ${toHex(certificate.fingerprintSha256 ?? new Uint8Array())}`),
    ...(trust.receiptKeys ?? []).map((key) => `receipt key ${key.name ?? ''} (${key.algorithm ?? ''}) ${toHex(key.fingerprint ?? new Uint8Array())}`),
    ...(trust.logKeys ?? []).map((key) => `transparency-log key ${key.name ?? ''} (${key.algorithm ?? ''}) ${toHex(key.fingerprint ?? new Uint8Array())}`),
  ];
  const target = element('trust-fingerprints');
  target.replaceChildren(...lines.map((line) => Object.assign(document.createElement('div'), { className: 'fingerprint', textContent: line })));
}

function showOutcome(outcome: Verification): void {
  const verdict = element('verdict');
  const failures = outcome.checks.filter((check) => !check.ok).length;
  verdict.textContent = outcome.valid ? 'VALID: every check holds' : `INVALID: ${failures} check(s) failed`;
  verdict.dataset['valid'] = String(outcome.valid);
  element('checks').replaceChildren(
    ...outcome.checks.map((check) => {
      const item = document.createElement('li');
      item.dataset['check'] = check.name;
      item.dataset['ok'] = String(check.ok);
      item.textContent = check.ok ? `${check.name}: ${check.detail}` : `${check.name} failed: ${check.reason}`;
      return item;
    }),
  );
}

function showError(message: string): void {
  const verdict = element('verdict');
  verdict.textContent = `Cannot verify: ${message}`;
  verdict.dataset['valid'] = 'false';
  element('checks').replaceChildren();
}

async function chosenTrust(): Promise<TrustAnchors | undefined> {
  const file = await fileBytes(element<HTMLInputElement>('trust'));
  if (file) return readTrust(new TextDecoder().decode(file));
  if (!element<HTMLInputElement>('use-gateway-trust').checked) return undefined;
  const response = await fetch('/trust', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`the gateway's /trust answered ${response.status}`);
  return readTrust(await response.text());
}

async function verify(): Promise<void> {
  const bundle = await fileBytes(element<HTMLInputElement>('bundle'));
  if (!bundle) return showError('choose a bundle file');
  const trust = await chosenTrust();
  if (trust) showFingerprints(trust);
  const document = await fileBytes(element<HTMLInputElement>('document'));
  showOutcome(verifyBundle(readBundle(bundle), { ...(trust ? { trust } : {}), ...(document ? { document } : {}) }));
}

element<HTMLFormElement>('form').addEventListener('submit', (event) => {
  event.preventDefault();
  verify().catch((error: unknown) => showError(error instanceof Error ? error.message : String(error)));
});
