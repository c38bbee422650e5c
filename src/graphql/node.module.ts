import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles';
import { CoverageModule } from '../coverage';
import { OrganizationsModule } from '../organizations';
import { SourcesModule } from '../sources';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { NodeResolver } from './node.resolver';
import { NodeStore } from './node.store';

/** Relay's `node(id)` and `nodes(ids)` over the Node types of every module. */
@Module({
  imports: [ArticlesModule, CoverageModule, OrganizationsModule, SourcesModule, WorkspacesModule],
  providers: [NodeStore, NodeResolver],
})
export class NodeModule {}
