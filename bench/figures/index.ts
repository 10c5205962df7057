import type { Figure } from '../Figure';
import { cadreSearchFigure } from './cadreSearch';
import { batchPageFigure } from './batchPage';
import { exchangeFigure } from './exchange';
import { appraisalDocumentsFigure, documentsFigure } from './documents';
import { assessmentFigure } from './assessment';
import { growthFigure } from './growth';
import { hostEventLoopFigure } from './hostEventLoop';
import { backupFigure } from './backup';
import { encryptionFigure } from './encryption';
import { auditLogFigure } from './auditLog';
import { serverLoadFigure, serverSearchFigure } from './server';

/** Every figure `npm run bench` prints, in order. Add a figure file and list it here. */
export const FIGURES: Figure[] = [cadreSearchFigure];
FIGURES.push(batchPageFigure);
FIGURES.push(exchangeFigure);
FIGURES.push(documentsFigure);
FIGURES.push(appraisalDocumentsFigure);
FIGURES.push(assessmentFigure);
FIGURES.push(growthFigure);
FIGURES.push(hostEventLoopFigure);
FIGURES.push(backupFigure, encryptionFigure);
FIGURES.push(auditLogFigure);
FIGURES.push(serverLoadFigure, serverSearchFigure);
