"""Run by Debian's /usr/bin/python3 (which has the UNO bridge), not by the test venv:
one headless LibreOffice for many files. Reads JSON lines on stdin, one job each:

    {"source": "in.docx", "actions": ["read", "accept", "reject"]}

and answers one JSON line per job: for each action the document's paragraphs after it
(accept: Accept All, reject: Reject All, read: as opened), each as its paragraph style,
its list label as LibreOffice numbers it ("Article 3."), its outline level and its text,
plus the number of tracked changes LibreOffice sees. Accepting and rejecting are undone
before the next action, so one load serves all three. A job that fails answers
{"error": ...}; the server keeps going.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def paragraphs(doc):
    out = []
    enum = doc.Text.createEnumeration()
    while enum.hasMoreElements():
        element = enum.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            out.append({"style": element.ParaStyleName, "label": element.ListLabelString,
                        "outline": element.OutlineLevel, "text": element.getString(),
                        "rtl": element.WritingMode == 1})      # WritingMode2.RL_TB: a right-to-left paragraph
        else:       # a table: its cells' text, row by row
            rows = {}
            for name in element.getCellNames():
                column = name.rstrip("0123456789")
                rows.setdefault(int(name[len(column):]), []).append(element.getCellByName(name).getString())
            out.append({"style": "(table)", "label": "", "outline": 0, "text": "",
                        "rows": [rows[n] for n in sorted(rows)]})
    return out


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(480):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.25)
    raise SystemExit("LibreOffice did not start")


@contextmanager
def running_office(name: str):
    """A headless LibreOffice of its own (a fresh profile, a private pipe): yields its
    component context, and stops it and removes the profile afterwards."""
    profile = tempfile.mkdtemp(prefix=f"lo-{name}-")
    pipe = f"penholder{name}{os.getpid()}"
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                               f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = None
    try:
        context = connect(pipe)
        yield context
    finally:
        if context is not None:
            try:
                context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context).terminate()
            except Exception:
                pass
        office.terminate()
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
        shutil.rmtree(profile, ignore_errors=True)


def main():
    with running_office("profile") as context:
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatch = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            job = json.loads(line)
            try:
                doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(job["source"])),
                                                   "_blank", 0, (prop("Hidden", True),))
                if doc is None:
                    raise RuntimeError("LibreOffice could not open the file")
                frame = doc.getCurrentController().getFrame()
                result = {"changes": doc.Redlines.Count}
                for action in job["actions"]:
                    if action == "read":
                        result["read"] = paragraphs(doc)
                        continue
                    command = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}
                    dispatch.executeDispatch(frame, command[action], "", 0, ())
                    result[action] = paragraphs(doc)
                    result[action + "_left"] = doc.Redlines.Count
                    dispatch.executeDispatch(frame, ".uno:Undo", "", 0, ())
                doc.close(True)
                print(json.dumps(result), flush=True)
            except Exception as err:          # one bad file must not stop the batch
                print(json.dumps({"error": repr(err)}), flush=True)


if __name__ == "__main__":
    main()
