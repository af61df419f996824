// ES module entry: the CommonJS implementation, re-exported (one implementation, one data file).
import cjs from './index.cjs';

export const { catalog, catalogVersion, entries, lookup, lookupAll, retryClass, docsUrl } = cjs;
export default cjs;
