import { describe, expect, it } from 'vitest';
import type { LibraryItem } from './api/bindings/LibraryItem';
import { LIBRARY_SECTIONS, groupItems, labelOf, libraryForm, libraryInput, matchesQuery, STAGE_CHOICES } from './library';
import { SESSION_SECTION_CHOICES, sessionSectionOf } from './planning';

const item = (over: Partial<LibraryItem> = {}): LibraryItem => ({
  id: 1, slug: 'sensate_focus_1', section: 'homework', thread: 'touch', threadStep: 1, version: 2,
  title: 'Sensate focus, first step', purpose: 'Touch without expectations.', steps: ['Take turns', 'Talk after'],
  frequency: 'Twice a week', stage: 'sensual', participants: 'partners', tracking: null, handoutText: 'Handout',
  tags: ['practical_exercise'], ...over,
});

describe('library form', () => {
  it('round-trips an item, steps one per line', () => {
    const f = libraryForm(item());
    expect(f.steps).toBe('Take turns\nTalk after');
    expect(f.tags.practical_exercise).toBe(true);
    expect(f.tags.contains_estrogen).toBe(false);
    expect(libraryInput(f)).toEqual({
      title: 'Sensate focus, first step', purpose: 'Touch without expectations.', steps: ['Take turns', 'Talk after'],
      frequency: 'Twice a week', stage: 'sensual', participants: 'partners', tracking: null, handoutText: 'Handout',
      tags: ['practical_exercise'],
    });
  });

  it('drops blank steps and trims them', () => {
    const f = { ...libraryForm(null), steps: '  One \n\n Two\n' };
    expect(libraryInput(f).steps).toEqual(['One', 'Two']);
  });

  it('starts a new item with sensible choices and no tags', () => {
    const f = libraryForm(null);
    expect(f.stage).toBe('non_sexual');
    expect(f.participants).toBe('client');
    expect(libraryInput(f).tags).toEqual([]);
  });

  it('keeps a tag it does not know', () => {
    expect(libraryInput(libraryForm(item({ tags: ['new_tag'] }))).tags).toContain('new_tag');
  });
});

describe('search and grouping', () => {
  it('matches every word anywhere in the title, purpose or slug', () => {
    expect(matchesQuery(item(), 'sensate')).toBe(true);
    expect(matchesQuery(item(), 'FOCUS touch')).toBe(true);
    expect(matchesQuery(item(), 'estrogen')).toBe(false);
    expect(matchesQuery(item(), '  ')).toBe(true);
  });

  it('groups by library section or by the session part', () => {
    const items = [item({ id: 1, section: 'acceptance' }), item({ id: 2, section: 'education' }), item({ id: 3, section: 'communication' })];
    expect(groupItems(items, LIBRARY_SECTIONS).map((g) => [g.section, g.items.map((i) => i.id)])).toEqual([
      ['education', [2]], ['communication', [3]], ['acceptance', [1]],
    ]);
    expect(groupItems(items, SESSION_SECTION_CHOICES, sessionSectionOf).map((g) => [g.section, g.items.map((i) => i.id)])).toEqual([
      ['education', [2]], ['communication', [1, 3]],
    ]);
  });

  it('labels choices', () => {
    expect(labelOf(STAGE_CHOICES, 'non_sexual')).toBe('Non-sexual');
    expect(labelOf(STAGE_CHOICES, 'odd_one')).toBe('odd one');
  });
});
