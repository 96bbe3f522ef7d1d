"""What the PCF Desk bundle leaves out, kept apart from the spec so the choices can be read (and tested) in one place.

Every exclusion here was checked with `pcf-desk --self-test` on the built bundle (see installers/README.md).
"""
from __future__ import annotations

import re

# Python packages never used at run time (tests, notebooks, other GUI toolkits, optional extras of our libraries).
EXCLUDES = [
    # other GUI toolkits and Qt bindings
    "tkinter", "_tkinter", "PyQt5", "PyQt6", "PySide2", "wx", "gi",
    # test and developer tools
    "pytest", "_pytest", "pytestqt", "hypothesis", "importlinter", "grimp", "pypdf", "yaml", "IPython", "ipykernel",
    "jupyter_client", "notebook", "pydoc_data", "lib2to3", "unittest.mock",
    "numpy.tests", "numpy.testing.tests", "numpy.distutils",
    "scipy.tests", "pandas.tests", "matplotlib.tests",
    "matplotlib.testing", "openpyxl.tests", "sqlalchemy.testing", "reportlab.graphics.testshapes",
    "reportlab.graphics.testdrawings", "setuptools", "pkg_resources", "distutils", "pip",
    # optional extras of pandas / matplotlib / sqlalchemy we do not use
    "pandas.io.formats.style", "pandas.io.clipboard", "jinja2", "pyarrow", "fastparquet",
    "numexpr", "bottleneck", "tables", "xlsxwriter", "odf", "pyxlsb", "lxml", "bs4", "html5lib", "fsspec", "s3fs",
    "gcsfs", "sqlalchemy.dialects.postgresql", "sqlalchemy.dialects.mysql", "sqlalchemy.dialects.oracle",
    "sqlalchemy.dialects.mssql", "psycopg2", "pymysql", "cairo", "cairocffi", "sphinx", "docutils",
    "matplotlib.backends.backend_tkagg", "matplotlib.backends.backend_tkcairo", "matplotlib.backends.backend_gtk3",
    "matplotlib.backends.backend_gtk4", "matplotlib.backends.backend_wx", "matplotlib.backends.backend_wxagg",
    "matplotlib.backends.backend_webagg", "matplotlib.backends.backend_nbagg", "matplotlib.backends.backend_macosx",
    "matplotlib.backends.backend_qt5agg", "matplotlib.backends.backend_qt5", "matplotlib.backends.backend_qtcairo",
    "matplotlib.backends.backend_gtk3agg", "matplotlib.backends.backend_gtk4agg", "matplotlib.backends.backend_cairo",
    "tornado", "dask", "numba", "sympy", "xarray", "babel",
    # scipy: the engine needs scipy.sparse (+ csgraph, linalg.splu) and what they import, nothing else
    *(f"scipy.{m}" for m in ("optimize", "special", "stats", "interpolate", "integrate", "signal", "spatial",
                             "ndimage", "io", "fft", "fftpack", "cluster", "odr", "datasets", "misc", "constants",
                             "differentiate")),
    # Pillow: matplotlib needs the core (PNG); no AVIF/WebP codecs, colour management or Tk
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin", "PIL._imagingcms", "PIL.ImageCms",
    "PIL._imagingtk", "PIL.ImageTk", "PIL.ImageQt",
    # no network: the app is offline (this also leaves out OpenSSL)
    "ssl", "_ssl", "_hashlib",   # hashlib falls back to Python's own SHA-256
    # terminal line editing, the old .xls reader pandas would pick (python-calamine reads .xls here)
    "readline", "xlrd", "numpy._core._multiarray_tests", "numpy._core._simd",
    # Qt modules PCF Desk does not use (it needs QtCore, QtGui, QtWidgets; matplotlib's Qt backend also QtSvg)
    *(f"PySide6.{m}" for m in (
        "QtNetwork", "QtQml", "QtQmlFeatures", "QtQuick", "QtQuickControls2", "QtQuickTest", "QtQuickWidgets",
        "QtQuick3D", "Qt3DCore", "Qt3DRender", "Qt3DInput", "Qt3DLogic", "Qt3DAnimation", "Qt3DExtras",
        "QtWebEngineCore", "QtWebEngineWidgets", "QtWebEngineQuick", "QtWebChannel", "QtWebSockets", "QtWebView",
        "QtMultimedia", "QtMultimediaWidgets", "QtPdf", "QtPdfWidgets", "QtCharts", "QtDataVisualization",
        "QtGraphs", "QtBluetooth", "QtNfc", "QtPositioning", "QtLocation", "QtSensors", "QtSerialPort",
        "QtSerialBus", "QtRemoteObjects", "QtScxml", "QtStateMachine", "QtTextToSpeech", "QtHttpServer",
        "QtSpatialAudio", "QtDesigner", "QtHelp", "QtUiTools", "QtTest", "QtSql", "QtXml", "QtDBus", "QtOpenGL",
        "QtOpenGLWidgets", "QtConcurrent", "QtPrintSupport", "QtAxContainer", "QtLabsStyleKit", "QtSvgWidgets",
    )),
]

# Qt shared libraries that unused modules or plugins would drag in.
_QT_LIBS_UNUSED = re.compile(
    r"Qt6(Quick|Qml|Network|WebEngine|WebChannel|WebSockets|3D|Multimedia|Pdf|Charts|DataVisualization|Graphs|"
    r"Bluetooth|Nfc|Positioning|Location|Sensors|SerialPort|SerialBus|RemoteObjects|Scxml|StateMachine|"
    r"TextToSpeech|HttpServer|SpatialAudio|Designer|Help|UiTools|Test|Sql|Xml|Concurrent|PrintSupport|"
    r"VirtualKeyboard|ShaderTools|LabsStyleKit|OpenGLWidgets|SvgWidgets)"
)
# Qt plugins: keep the platforms a desktop needs (xcb/wayland on Linux, windows, cocoa; offscreen and minimal for
# the headless self-test), image formats for the icons, the platform themes and input contexts (Chinese input).
_QT_PLUGINS_UNUSED = re.compile(
    r"/plugins/platformthemes/[^/]*gtk3[^/]*$"     # would pull GTK's own libraries into the bundle
    r"|/plugins/(designer|qmltooling|sqldrivers|tls|networkinformation|printsupport|egldeviceintegrations|"
    r"wayland-graphics-integration-server|vectorimageformats|generic)/"
    r"|/plugins/platforms/[^/]*(vnc|linuxfb|eglfs|minimalegl|vkkhrdisplay)[^/]*$"
    r"|/plugins/imageformats/[^/]*(webp|tiff|pdf|icns|tga|wbmp|macjp2)[^/]*$"
)
# Qt's own message catalogues: PCF Desk loads qtbase_zh_CN (file dialogs, OK / Cancel) beside its own .qm; keep
# Qt's Chinese ones and drop the rest.
_QT_TRANSLATIONS = re.compile(r"PySide6/Qt/translations/")
_QT_TRANSLATIONS_KEPT = re.compile(r"(qtbase|qt)_zh_CN\.qm$")
# Data the libraries ship but never read at run time.
_DATA_UNUSED = re.compile(
    r"matplotlib/mpl-data/sample_data/|matplotlib/mpl-data/(plot_directive|stylelib/[^/]*(seaborn|_classic_test))"
    r"|matplotlib/mpl-data/fonts/ttf/(STIX|DejaVuSerif|DejaVuSansMono)"   # mathtext and serif/mono: not used
    r"|/tests?/|\.pyi$|/include/|pandas/io/formats/templates/"
)


def _norm(path: str) -> str:
    return path.replace("\\", "/")


def binaries(entries):
    """Drop unused Qt libraries and plugins from an Analysis' binaries."""
    kept = []
    for entry in entries:
        dest = _norm(entry[0])
        if _QT_LIBS_UNUSED.search(dest.rsplit("/", 1)[-1]) or _QT_PLUGINS_UNUSED.search("/" + dest):
            continue
        kept.append(entry)
    return type(entries)(kept) if not isinstance(entries, list) else kept


def datas(entries):
    """Drop Qt's unused catalogues and library data nobody reads."""
    kept = []
    for entry in entries:
        dest = _norm(entry[0])
        if _QT_TRANSLATIONS.search(dest) and not _QT_TRANSLATIONS_KEPT.search(dest):
            continue
        if _DATA_UNUSED.search("/" + dest):
            continue
        kept.append(entry)
    return type(entries)(kept) if not isinstance(entries, list) else kept


def _is_top_level_library(dest: str) -> bool:
    name = dest.rsplit("/", 1)[-1]
    return "/" not in dest and name.startswith("lib") and ".so" in name and not name.startswith("libpython")


def prune_orphan_libraries(entries):
    """Linux: drop system libraries that only a removed plugin or module needed.

    PyInstaller collects the dependencies of every plugin before the filters above run, so dropping (say) the GTK
    platform theme would leave GTK's cairo, pango and glib behind. Every library kept at the top of the bundle must
    be a (transitive, per ldd) dependency of an extension module, plugin or Qt library still in it.
    """
    from PyInstaller.depend import bindepend
    roots = [e for e in entries if not _is_top_level_library(_norm(e[0])) and e[2] in ("BINARY", "EXTENSION")]
    needed: set[str] = set()
    for dest, src, _kind in roots:
        try:
            for name, path in bindepend.get_imports(src):
                needed.add(name.rsplit("/", 1)[-1])
                if path:
                    needed.add(path.replace("\\", "/").rsplit("/", 1)[-1])
        except Exception:
            return entries
    kept = [e for e in entries if not _is_top_level_library(_norm(e[0])) or _norm(e[0]) in needed]
    return type(entries)(kept) if not isinstance(entries, list) else kept


def _has_runpath_to_vendored_libs(path: str) -> bool:
    import subprocess
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True).stdout
    return ".libs" in out or "patchelf" in out


def strip_debug_info(entries, workdir):
    """Linux: copies of the binaries without their debug sections (`strip --strip-debug`), e.g. libpython 23 -> 6 MB.

    Libraries that auditwheel vendored and patched (`*.libs/` folders, RUNPATHs into them) are left alone: rewriting
    them with strip breaks their load commands (numpy's OpenBLAS: "ELF load command address/offset not
    page-aligned").
    """
    import shutil
    import subprocess
    from pathlib import Path
    if not shutil.which("strip") or not shutil.which("readelf"):
        return entries
    out_dir = Path(workdir) / "stripped"
    result = []
    for dest, src, kind in entries:
        d = _norm(dest)
        if kind not in ("BINARY", "EXTENSION") or ".libs/" in d or Path(src).is_symlink() \
                or Path(src).stat().st_size < 256 * 1024 or _has_runpath_to_vendored_libs(src):
            result.append((dest, src, kind))
            continue
        target = out_dir / d
        source = Path(src)
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            target.parent.mkdir(parents=True, exist_ok=True)
            done = subprocess.run(["strip", "--strip-debug", "-o", str(target), str(source)], capture_output=True)
            if done.returncode != 0:
                target.unlink(missing_ok=True)
                result.append((dest, src, kind))
                continue
        result.append((dest, str(target), kind))
    return type(entries)(result) if not isinstance(entries, list) else result
