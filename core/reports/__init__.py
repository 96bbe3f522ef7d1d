"""Everything a study produces for people outside the app: report, label application, label, inventory, package."""
