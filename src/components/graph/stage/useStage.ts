import { useContext } from 'react';
import { StageContext, type StageState } from './StageContext';

/** Whether the drawing is being presented, and the switch. */
export const useStage = (): StageState => useContext(StageContext);
