/** `npm run check:deploy -- [--dir DIR] [--host NAME]`: see scripts/deploy/check-deploy.ts. */
import { checkDeploy } from './deploy/check-deploy';

process.exitCode = await checkDeploy(process.argv.slice(2));
