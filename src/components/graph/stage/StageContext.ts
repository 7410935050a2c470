import { createContext } from 'react';

export interface StageState {
  /** The drawing and the step description alone, full screen. */
  presenting: boolean;
  togglePresent(): void;
}

export const StageContext = createContext<StageState>({ presenting: false, togglePresent: () => {} });
