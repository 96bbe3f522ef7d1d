"""Run-time hook of the bundle, inert unless PCF_BUNDLE_EXIT_WHEN_IDLE=1: then, when the program enters the Qt event
loop (QApplication.exec, after its main window is shown), it prints `idle <unix time>` once the loop is idle and quits.

benchmarks/bundle_startup.py uses it to time "launch -> main window shown and idle" for PCF Desk and for a bare
PySide6 window bundled the same way: one mechanism for both, and nothing in the app's code. PySide6 is not imported
here (this hook runs before PyInstaller's own Qt hook): QtWidgets is patched right after the program imports it.
"""
import os
import sys

if os.environ.get("PCF_BUNDLE_EXIT_WHEN_IDLE") == "1":
    import importlib.abc
    import time

    def _patch(module):
        application = module.QApplication
        original = application.exec

        def exec_and_report_idle(*_args):   # QApplication.exec is static: app.exec() and QApplication.exec()
            from PySide6.QtCore import QTimer

            def idle():
                print(f"idle {time.time():.6f}", flush=True)
                application.quit()

            QTimer.singleShot(0, idle)
            return original()

        application.exec = staticmethod(exec_and_report_idle)

    class _PatchQtWidgets(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name != "PySide6.QtWidgets":
                return None
            for finder in sys.meta_path:
                if finder is self or not hasattr(finder, "find_spec"):
                    continue
                spec = finder.find_spec(name, path, target)
                if spec is not None and spec.loader is not None:
                    loader = spec.loader
                    original_exec = loader.exec_module

                    def exec_module(module, _original=original_exec):
                        _original(module)
                        _patch(module)
                        sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _PatchQtWidgets)]

                    loader.exec_module = exec_module
                    return spec
            return None

    sys.meta_path.insert(0, _PatchQtWidgets())
