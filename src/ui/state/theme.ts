/**
 * Light/dark theme. Follows the system unless the user picks one; the choice is the only thing
 * the app keeps in localStorage (a non-secret preference).
 */
import { useCallback, useEffect, useState } from 'react';
import { useMediaQuery } from './mediaQuery';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'trustlens.theme';
const QUERY = '(prefers-color-scheme: dark)';

function storedChoice(): ThemeChoice {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export function useTheme(): { choice: ThemeChoice; theme: Theme; setChoice: (choice: ThemeChoice) => void } {
  const [choice, setChoiceState] = useState<ThemeChoice>(storedChoice);
  const system: Theme = useMediaQuery(QUERY) ? 'dark' : 'light';
  const theme: Theme = choice === 'system' ? system : choice;

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  const setChoice = useCallback((next: ThemeChoice) => {
    setChoiceState(next);
    try {
      if (next === 'system') window.localStorage.removeItem(STORAGE_KEY);
      else window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage may be disabled; the choice still holds for this page.
    }
  }, []);

  return { choice, theme, setChoice };
}
