"""The six steps of the guided path, one widget each; all read and change the project through the Workspace."""
