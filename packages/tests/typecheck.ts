// Compiled with `tsc --noEmit --strict` against the installed package (packages/test.sh): the
// published types describe what the lookup returns.
import { lookup, lookupAll, retryClass, docsUrl, catalogVersion, type Entry, type Retry, type Api } from 'tiktok-errors';

const api: Api = 'business-messaging';
const e: Entry | undefined = lookup(40100, api);
const r: Retry | undefined = retryClass('access_token_invalid');
const u: string | undefined = docsUrl('40100');
const all: Entry[] = lookupAll(BigInt(40100));
const v: string = catalogVersion;
if (e !== undefined) {
  const wait: number | null = e.wait_seconds;
  const fix: string = e.fix;
  void wait;
  void fix;
}
// @ts-expect-error: not an API family
lookup(40100, 'instagram');
// @ts-expect-error: not a retry class
const bad: Retry = 'later';
void [r, u, all, v, bad];
