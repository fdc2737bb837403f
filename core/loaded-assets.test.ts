import { describe, expect, it } from 'vitest';
import { assetsToCache, MAX_LOADED_ASSETS, sameOriginUrl } from './loaded-assets';

const origin = 'https://app.example';

describe('assetsToCache', () => {
  it('keeps the same-origin scripts, styles, images and workers, without fragments, once each', () => {
    expect(
      assetsToCache(
        [
          { name: `${origin}/assets/index-abc.js`, initiatorType: 'script' },
          { name: `${origin}/assets/index-abc.css`, initiatorType: 'link' },
          { name: `${origin}/assets/font.woff2#x`, initiatorType: 'css' },
          { name: `${origin}/assets/metering.worker-1.js`, initiatorType: 'other' },
          { name: `${origin}/assets/index-abc.js`, initiatorType: 'script' },
          { name: `${origin}/logo.png`, initiatorType: 'img' },
        ],
        origin,
      ),
    ).toEqual([
      `${origin}/assets/index-abc.js`,
      `${origin}/assets/index-abc.css`,
      `${origin}/assets/font.woff2`,
      `${origin}/assets/metering.worker-1.js`,
      `${origin}/logo.png`,
    ]);
  });

  it('leaves out API calls, navigations, other origins, excluded URLs and non-http schemes', () => {
    expect(
      assetsToCache(
        [
          { name: `${origin}/graphql`, initiatorType: 'fetch' },
          { name: `${origin}/v1/c`, initiatorType: 'xmlhttprequest' },
          { name: `${origin}/beacon`, initiatorType: 'beacon' },
          { name: `${origin}/`, initiatorType: 'navigation' },
          { name: 'https://cdn.example/lib.js', initiatorType: 'script' },
          { name: `${origin}/sw.js`, initiatorType: 'other' },
          { name: 'data:text/javascript,1', initiatorType: 'script' },
          { name: '/relative.js', initiatorType: 'script' },
        ],
        origin,
        [`${origin}/sw.js`],
      ),
    ).toEqual([]);
  });

  it('sends at most MAX_LOADED_ASSETS URLs', () => {
    const many = Array.from({ length: MAX_LOADED_ASSETS + 50 }, (_, i) => ({ name: `${origin}/a${i}.js`, initiatorType: 'script' }));
    expect(assetsToCache(many, origin)).toHaveLength(MAX_LOADED_ASSETS);
  });
});

describe('sameOriginUrl', () => {
  it('accepts only strings naming an absolute URL of the origin', () => {
    expect(sameOriginUrl(`${origin}/a.js`, origin)).toBe(`${origin}/a.js`);
    expect(sameOriginUrl('/a.js', origin)).toBeNull();
    expect(sameOriginUrl(`${origin}.evil.example/a.js`, origin)).toBeNull();
    expect(sameOriginUrl(`${origin}@evil.example/a.js`, origin)).toBeNull();
    expect(sameOriginUrl(`${origin}/a.js#f`, origin)).toBe(`${origin}/a.js`);
    expect(sameOriginUrl('https://evil.example/a.js', origin)).toBeNull();
    expect(sameOriginUrl(42, origin)).toBeNull();
    expect(sameOriginUrl({ toString: () => '/a.js' }, origin)).toBeNull();
  });
});
