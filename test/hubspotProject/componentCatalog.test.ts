/** Our component table against HubSpot's parsing lib, and the URL helpers the origin rules rely on. */
import { Components } from '@hubspot/project-parsing-lib/constants';
import { describe, expect, it } from 'vitest';
import {
  COMPONENT_FOLDER,
  SINGULAR_TYPES,
  SUPPORTED_TYPES,
  isPickedUpLocation,
} from '../../src/hubspotProject/componentCatalog.ts';
import { runtimeImports } from '../../src/hubspotProject/rules/importRules.ts';
import { isLoopbackHost, withOrigin } from '../../src/hubspotProject/urls.ts';

describe('component catalog', () => {
  it.each(SUPPORTED_TYPES.filter((t) => t !== 'app'))(
    'puts %s in the folder @hubspot/project-parsing-lib expects',
    (type) => {
      expect(COMPONENT_FOLDER[type]).toBe(`app/${Components[type]?.dir}`);
    },
  );

  it('treats exactly the types the lib marks singular as singular', () => {
    const libSingular = SUPPORTED_TYPES.filter((t) => Components[t]?.singularComponent === true);
    expect([...SINGULAR_TYPES].sort()).toEqual(libSingular.sort());
  });

  it('picks up metafiles only directly in app/ or a known app/<folder>/', () => {
    expect(isPickedUpLocation('app')).toBe(true);
    expect(isPickedUpLocation('app/cards')).toBe(true);
    expect(isPickedUpLocation('app/cards/nested')).toBe(false);
    expect(isPickedUpLocation('app/widgets')).toBe(false);
    expect(isPickedUpLocation('')).toBe(false);
  });
});

describe('URL helpers', () => {
  it.each(['localhost', 'api.localhost', '127.0.0.1', '[::1]', '0.0.0.0'])('treats %s as loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it('does not treat a public host that merely contains "localhost" as loopback', () => {
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
  });

  it('moves a URL to another origin keeping path, query and fragment', () => {
    expect(withOrigin('https://old.example.com:8443/a/b?c=1#d', 'https://new.example.com')).toBe(
      'https://new.example.com/a/b?c=1#d',
    );
    expect(withOrigin('https://old.example.com', 'https://new.example.com')).toBe('https://new.example.com');
  });
});

describe('runtime imports of extension code', () => {
  it('finds value imports, side-effect imports and re-exports, by package name', () => {
    const source = [
      "import { Button,\n  Text } from '@hubspot/ui-extensions/crm';",
      "import React from 'react';",
      "import 'polyfill-x';",
      "export { thing } from 'lodash/thing';",
      "import { helper } from './lib/helper.ts';",
    ].join('\n');

    expect(runtimeImports(source).sort()).toEqual(['@hubspot/ui-extensions', 'lodash', 'polyfill-x', 'react']);
  });

  it('ignores import type and export type', () => {
    expect(runtimeImports("import type { z } from 'zod';\nexport type { Y } from 'yup';")).toEqual([]);
  });
});
