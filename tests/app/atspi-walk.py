#!/usr/bin/python3
# atspi-walk.py — started by test-atspi (inside its own session bus):
# starts the real workstation on a case, walks its AT-SPI tree in every
# section, and prints each focusable or actionable object that a screen
# reader would announce without a name.
#
#   atspi-walk.py LIKENESS CASE_DIR SECTION...
#
# With LK_ATSPI_SCREENSHOTS=DIR the display is saved as DIR/SECTION.png
# after each section is shown, and nothing is walked.
#
# Output, one line each: "section SECTION objects N" for every section
# walked, "unnamed SECTION ROLE PATH" for every offender, "shown SECTION
# ROLE<tab>NAME<tab>DESCRIPTION" for every object with a name or a
# description (what a screen reader says of the face grid, the candidate
# strip and the canvases), and "error TEXT" when the walk itself could not
# be done.  Exit status 0 when the walk was done
# (offenders or not): the C test decides.

import os
import re
import subprocess
import sys
import time

import gi
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi

# Roles whose objects are never announced as controls on their own.
CONTAINER_ROLES = {
    Atspi.Role.FILLER, Atspi.Role.PANEL, Atspi.Role.SCROLL_PANE,
    Atspi.Role.VIEWPORT, Atspi.Role.GROUPING, Atspi.Role.WINDOW,
    Atspi.Role.FRAME, Atspi.Role.APPLICATION, Atspi.Role.SEPARATOR,
}


def out(line):
    print(line, flush=True)


def find_app(pid, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:
                pass
        time.sleep(0.5)
    return None


def find_window(app, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for i in range(app.get_child_count()):
            win = app.get_child_at_index(i)
            if win is not None and win.get_state_set().contains(Atspi.StateType.SHOWING):
                return win
        time.sleep(0.3)
    return None


def is_control(acc, states):
    if acc.get_role() in CONTAINER_ROLES:
        return False
    if states.contains(Atspi.StateType.FOCUSABLE):
        return True
    # GTK 4.8 gives labels an action interface (for their links and copy
    # menu); a label that does not take the focus is read by its text.
    if acc.get_role() == Atspi.Role.LABEL:
        return False
    try:
        action = Atspi.Accessible.get_action_iface(acc)
        return action is not None and action.get_n_actions() > 0
    except Exception:
        return False


# GTK 4.8 answers a widget's type name ("GtkButton") for the name of an
# object that has none: that is no name to a listener either.
GTYPE_NAME = re.compile(r'^(Gtk|Adw|Lk)[A-Z][A-Za-z0-9]*$')


def name_of(acc):
    name = (acc.get_name() or '').strip()
    if GTYPE_NAME.match(name):
        name = ''
    # A label (a selectable one is focusable) is read out by its text.
    if name == '' and acc.get_role() == Atspi.Role.LABEL:
        try:
            count = Atspi.Text.get_character_count(acc)
            name = (Atspi.Text.get_text(acc, 0, count) or '').strip()
        except Exception:
            pass
    return name


def label_of(acc):
    role = acc.get_role_name()
    name = name_of(acc)
    return '%s "%s"' % (role, name) if name else role


def inside(acc, depth=0):
    """What the object holds, to find it by: its first named descendant."""
    if depth > 6:
        return ''
    for i in range(min(acc.get_child_count(), 20)):
        child = acc.get_child_at_index(i)
        if child is None:
            continue
        name = name_of(child)
        if name:
            return ' (holds %s "%s")' % (child.get_role_name(), name[:60])
        found = inside(child, depth + 1)
        if found:
            return found
    return ''


def walk(acc, path, section, counts, seen, report=True):
    """Visits every visible object under acc; prints the offenders.

    GTK 4.8 sets "showing" on windows only, and keeps the pages of a
    stack that are not shown in the tree as "visible": the walk covers
    them too (a control without a name is one wherever it is), and the
    sections are switched so that each builds its rows and cells."""
    try:
        states = acc.get_state_set()
    except Exception:
        return
    if not states.contains(Atspi.StateType.VISIBLE):
        return
    counts[0] += 1
    here = path + [label_of(acc)]
    name = name_of(acc)
    desc = (acc.get_description() or '').strip()
    if report and is_control(acc, states) and name == '':
        key = ' > '.join(here[-6:])
        if key not in seen:
            seen.add(key)
            named = [p for p in here if '"' in p]
            out('unnamed %s %s %s%s%s' % (section, acc.get_role_name().replace(' ', '-'),
                                           ' > '.join(here[-6:]), inside(acc),
                                           ' (in %s)' % named[-1] if named else ''))
    if report and (name != '' or desc != ''):
        out('shown %s %s\t%s\t%s' % (section, acc.get_role_name().replace(' ', '-'),
                                       name.replace('\n', ' '), desc.replace('\n', ' ')))
    n = acc.get_child_count()
    for i in range(min(n, 400)):
        child = acc.get_child_at_index(i)
        if child is not None:
            walk(child, here, section, counts, seen, report)


def selected_rows(acc, found, depth=0):
    """The names of the selected objects (the sidebar's current section)."""
    if depth > 40:
        return
    try:
        if acc.get_state_set().contains(Atspi.StateType.SELECTED):
            found.append(name_of(acc))
        for i in range(acc.get_child_count()):
            child = acc.get_child_at_index(i)
            if child is not None:
                selected_rows(child, found, depth + 1)
    except Exception:
        pass


def find_sidebar(acc, depth=0):
    """The sidebar: the object holding one child per section, the first
    of them named Photos (the test runs in English)."""
    if depth > 30:
        return None
    n = acc.get_child_count()
    if n >= 7:
        first = acc.get_child_at_index(0)
        if first is not None and name_of(first) == 'Photos':
            return acc
    for i in range(n):
        child = acc.get_child_at_index(i)
        if child is not None:
            found = find_sidebar(child, depth + 1)
            if found is not None:
                return found
    return None


def main():
    likeness, case_dir, sections = sys.argv[1], sys.argv[2], sys.argv[3:]
    env = dict(os.environ, GTK_A11Y='atspi')
    env.pop('NO_AT_BRIDGE', None)
    proc = subprocess.Popen([likeness, case_dir], env=env)
    try:
        app = find_app(proc.pid, 60)
        if app is None:
            out('error the workstation did not appear on the accessibility bus')
            return
        win = find_window(app, 60)
        if win is None:
            out('error the workstation showed no window')
            return
        time.sleep(float(os.environ.get('LK_ATSPI_SETTLE', '6')))
        seen = set()
        sidebar = find_sidebar(win)
        if sidebar is None:
            out('error no sidebar (a list whose items are the sections) in the window')
            return
        for index, section in enumerate(sections):
            # The sidebar's rows selected through AT-SPI, as a screen reader
            # selects them (a window without a window manager has no keyboard
            # focus for synthesised keys).
            Atspi.Selection.select_child(sidebar, index)
            time.sleep(2.5)
            shots = os.environ.get('LK_ATSPI_SCREENSHOTS')
            if shots:
                # The whole display as a person sees it (high contrast,
                # large text: the README's screenshots).
                subprocess.run(['import', '-window', 'root',
                                os.path.join(shots, section + '.png')], check=False)
                continue
            win = find_window(app, 10)
            counts = [0]
            walk(win, [], section, counts, set(), report=False)
            selected = []
            selected_rows(win, selected)
            out('section %s objects %d selected %s' % (section, counts[0], '|'.join(selected)))
        if os.environ.get('LK_ATSPI_SCREENSHOTS'):
            return
        # GTK 4.8 keeps the stack pages not shown in the tree, marked
        # visible like the one shown: a walk cannot tell them apart.  Each
        # page has been shown once above (that builds its rows and cells
        # and runs what happens on first showing); one walk of all of them
        # then reports, as section "all".
        counts = [0]
        walk(find_window(app, 10), [], 'all', counts, seen)
        out('section all objects %d' % counts[0])
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == '__main__':
    main()
