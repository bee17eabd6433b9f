#!/usr/bin/env python3
"""Writes the country reference rows of src/sql/50_loaders.sql (between the
markers "-- countries: generated" and "-- countries: end") from Debian's
iso-codes package: ISO 3166-1 alpha-3 codes with their English names and
the Spanish translations, the withdrawn codes of ISO 3166-3 that publishers
still use, and the few non-ISO codes of the IOM series.

    python3 data/reference/country_sql.py > /tmp/countries.sql
"""
import gettext
import json

ISO = '/usr/share/iso-codes/json/'
es1 = gettext.translation('iso_3166-1', localedir='/usr/share/locale', languages=['es'])
es3 = gettext.translation('iso_3166-3', localedir='/usr/share/locale', languages=['es'])


def q(s):
    return "'" + s.replace("'", "''") + "'" if s is not None else 'NULL'


rows = []
for x in json.load(open(ISO + 'iso_3166-1.json'))['3166-1']:
    en = x.get('common_name', x['name'])
    rows.append((x['alpha_3'], x['alpha_2'], x['numeric'], en, es1.gettext(x['name']), 'official',
                 [x['name'], x.get('official_name'), es1.gettext(x['name'])]))
former = {'ANT', 'CSK', 'SCG', 'YUG'}
for x in json.load(open(ISO + 'iso_3166-3.json'))['3166-3']:
    if x['alpha_3'] in former:
        rows.append((x['alpha_3'], None, x['numeric'], x['name'], es3.gettext(x['name']), 'former',
                     [es3.gettext(x['name'])]))
# codes of the IOM compilations that ISO 3166 does not assign (XKX is the
# user-assigned code the European Commission and others use for Kosovo)
rows += [
    ('XKX', None, None, 'Kosovo', 'Kosovo', 'publisher', []),
    ('UNK', None, None, 'Unknown', 'Desconocida', 'publisher', ['Unknown']),
    ('STL', None, None, 'Stateless', 'Apátrida', 'publisher', ['Stateless']),
    ('TIB', None, None, 'Tibet (code used by the publisher)', 'Tíbet (código del editor)', 'publisher', []),
    ('OOO', None, None, 'OOO (code used by the publisher, meaning not stated)', 'OOO (código del editor, sin definición)', 'publisher', []),
]

print('INSERT INTO @extschema@.country (iso3, iso2, iso_numeric, name_en, name_es, status) VALUES')
print(',\n'.join('\t(%s, %s, %s, %s, %s, %s)' % (q(r[0]), q(r[1]), q(r[2]), q(r[3]), q(r[4]), q(r[5]))
                 for r in rows) + ';')
print()
# names ICE and CBP write that ISO does not: the publishers' own spellings
# and withdrawn names.  KOREA (ICE) and OTHER (CBP) are left out on purpose:
# KOREA does not say which Korea, OTHER is not a country.
publisher_aliases = [
    ('CHINA, PEOPLES REPUBLIC OF', 'CHN'), ('MYANMAR (BURMA)', 'MMR'), ('BURMA', 'MMR'),
    ('RUSSIA', 'RUS'), ('TURKEY', 'TUR'), ('ANTIGUA-BARBUDA', 'ATG'),
    ('BOSNIA-HERZEGOVINA', 'BIH'), ('CAPE VERDE', 'CPV'), ('DEM REP OF THE CONGO', 'COD'),
    ('IVORY COAST', 'CIV'), ('MACAU', 'MAC'), ('MACEDONIA', 'MKD'), ('ST. KITTS-NEVIS', 'KNA'),
    ('ST. LUCIA', 'LCA'), ('ST. VINCENT-GRENADINES', 'VCT'), ('SWAZILAND', 'SWZ'),
    ('MICRONESIA', 'FSM'), ('KOSOVO', 'XKX'), ('CZECHOSLOVAKIA', 'CSK'), ('YUGOSLAVIA', 'YUG'),
    ('SERBIA AND MONTENEGRO', 'SCG'), ('NETHERLANDS ANTILLES', 'ANT'), ('UNKNOWN', 'UNK'),
]
print('INSERT INTO @extschema@.country_alias (alias, iso3, builtin)')
print('SELECT @extschema@.country_key(v.alias), v.iso3, true FROM (VALUES')
aliases = list(publisher_aliases)
for r in rows:
    for a in [r[3]] + r[6]:
        if a:
            aliases.append((a, r[0]))
print(',\n'.join('\t(%s, %s)' % (q(a), q(i)) for a, i in aliases))
print(') AS v(alias, iso3)')
print('ON CONFLICT (alias) DO NOTHING;')
