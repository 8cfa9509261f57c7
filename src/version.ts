// The version, set at build time from package.json (scripts/build.mjs); tests run from source.
declare const PP_VERSION: string;
export const version = typeof PP_VERSION === 'string' ? PP_VERSION : '0.0.0-dev';
