/**
 * The Content-Security-Policy nonce of this response: the HTTP layer makes one per request,
 * the server render stamps it on Remix's scripts, the browser hides it (so the client
 * renders with "").
 */
import { createContext, useContext } from "react";

const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
