import { LABELLED_DE } from './labelled-sentences-de.ts';
import { LABELLED_EN } from './labelled-sentences-en.ts';
import { LABELLED_HOLDOUT } from './labelled-sentences-holdout.ts';
import type { LabelledSentence } from './labelling.ts';

/** The whole labelled set, German and English, with the held-out batch (labelling rule in labelling.ts). */
export const LABELLED_SENTENCES: LabelledSentence[] = [...LABELLED_DE, ...LABELLED_EN, ...LABELLED_HOLDOUT];
