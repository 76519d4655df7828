/** Every read model SuiTrust serves: what `npm start` runs and what a rebuild rebuilds. */
import { certificateReadModel } from './certificateReadModel';
import { creditReadModel } from './creditReadModel';
import { dataSharingReadModel } from './dataSharingReadModel';
import { evidenceReadModel } from './evidenceReadModel';
import type { ReadModel } from './readModelProcessor';

/** The read models, in the order they are rebuilt. */
export const READ_MODELS: readonly ReadModel[] = [certificateReadModel, evidenceReadModel, dataSharingReadModel, creditReadModel];
