export const CSRF_COOKIE = "__csrf";
export const CSRF_FIELD = "csrf";
