// Lints virtual files (path + source on stdin as JSON) with the project's ESLint configuration in one
// process and prints each probe's messages as JSON. Used by module-boundaries.spec.ts.
//
// Input: { virtualProjects: [{ name, root, tags }], probes: [{ file, code }] }. A virtual project is added to
// the Nx project graph the boundary rule reads, in this process's memory only (nothing is written to disk or
// to the Nx cache): a project with no files, that an import of its package name resolves to. It stands for a
// second service where the workspace has only one, so a probe can import "another service".
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const { virtualProjects = [], probes } = JSON.parse(readFileSync(0, 'utf8'));

if (virtualProjects.length > 0) {
  const { readCachedProjectGraph } = require('@nx/devkit');
  const { readNxJson } = require('nx/src/config/configuration');
  const { createProjectRootMappings } = require('nx/src/project-graph/utils/find-project-for-path');
  const { readFileMapCache } = require('nx/src/project-graph/nx-deps-cache');
  const { TargetProjectLocator } = require('@nx/js/src/internal');
  const graph = readCachedProjectGraph();
  const fileMap = { ...readFileMapCache().fileMap.projectFileMap };
  for (const v of virtualProjects) {
    graph.nodes[v.name] = {
      name: v.name,
      type: 'lib',
      data: {
        root: v.root,
        name: v.name,
        tags: v.tags,
        metadata: {
          js: { packageName: v.name, packageMain: 'src/index.ts', isInPackageManagerWorkspaces: true },
        },
        targets: {},
        implicitDependencies: [],
      },
    };
    graph.dependencies[v.name] = [];
    fileMap[v.name] = [];
  }
  // The rule (@nx/eslint-plugin, project-graph-utils) takes its graph from these globals, and keeps them
  // instead of re-reading the cache only in a terminal run, i.e. when the process is the ESLint CLI.
  globalThis.workspaceLayout = readNxJson().workspaceLayout;
  globalThis.projectGraph = graph;
  globalThis.projectRootMappings = createProjectRootMappings(graph.nodes);
  globalThis.projectFileMap = fileMap;
  globalThis.targetProjectLocator = new TargetProjectLocator(graph.nodes, graph.externalNodes);
  process.argv[1] = join(dirname(require.resolve('eslint/package.json')), 'bin', 'eslint.js');
}

const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const probe of probes) {
  const [result] = await eslint.lintText(probe.code, { filePath: probe.file });
  out.push(result.messages.map((m) => `${m.ruleId}: ${m.message}`));
}
process.stdout.write(JSON.stringify(out));
