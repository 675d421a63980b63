/**
 * A worker thread of `data:sample`: builds the same model as every other thread (it is
 * deterministic in the options) and writes its share of the files into the staging folder.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type DaysJob, writeDays } from './generate';
import { buildModel } from './model';

const job = workerData as DaysJob;
parentPort?.postMessage(writeDays(buildModel(job.options), job.files, job.staging));
