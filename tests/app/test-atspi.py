#!/usr/bin/python3
# test-atspi.py: the Data view driven from outside over AT-SPI, as assistive technologies see it
#
# Copyright 2026 The Tablewright authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts the built tablewright on a SQLite database made here, finds the
# grid, a cell and the Commit button by their accessible names, edits the
# cell, commits, and checks the database. Prints TAP. Needs a display and a
# session bus (run under xvfb-run and dbus-run-session), and
# /usr/bin/python3 with python3-pyatspi.

import os
import sqlite3
import subprocess
import sys
import tempfile
import time

TIMEOUT = 30.0

results = []


def tap(ok, name, detail=None):
    results.append(ok)
    print('%s %d %s' % ('ok' if ok else 'not ok', len(results), name))
    if detail and not ok:
        for line in str(detail).splitlines():
            print('# ' + line)
    sys.stdout.flush()


def poll(what, func):
    """Calls func until it returns something true, for TIMEOUT seconds."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            value = func()
        except SystemExit:
            raise
        except Exception:  # The tree changes under us: try again.
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError('timed out waiting for ' + what)
        time.sleep(0.1)


def find(acc, pred, depth=0):
    if acc is None or depth > 60:
        return None
    try:
        if pred(acc):
            return acc
        children = list(acc)
    except Exception:
        return None
    for child in children:
        found = find(child, pred, depth + 1)
        if found is not None:
            return found
    return None


def named(role, name):
    return lambda a: a.getRoleName() == role and a.name == name


def do_action(acc, action):
    iface = acc.queryAction()
    for i in range(iface.nActions):
        if iface.getName(i) == action:
            return iface.doAction(i)
    raise LookupError('%s has no action %s' % (acc.name, action))


def make_database(cli, source_dir, path):
    ddl = subprocess.run([cli, 'ddl', os.path.join(source_dir, 'data', 'demo', 'demo.twm'),
                          '--dialect', 'sqlite'],
                         check=True, capture_output=True, text=True).stdout
    db = sqlite3.connect(path)
    db.executescript(ddl)
    db.executescript("INSERT INTO users (id, name, fullname) VALUES "
                     "(1, 'ada', 'Ada Lovelace'), (2, 'bob', 'Bob Smith');")
    db.commit()
    db.close()


def query(path, sql):
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchone()[0]
    finally:
        db.close()


def main():
    import pyatspi

    cli = os.environ.get('TW_CLI') or (sys.argv[1] if len(sys.argv) > 1 else None)
    source_dir = os.environ.get('TW_SOURCE_DIR', os.path.join(os.path.dirname(__file__), '..', '..'))
    print('1..7')
    if cli is None:
        print('Bail out! Set TW_CLI to the built tablewright')
        return 1

    tmp = tempfile.mkdtemp(prefix='tw-atspi-')
    path = os.path.join(tmp, 'shop.db')
    make_database(cli, source_dir, path)

    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    env.update(GTK_A11Y='atspi', GSK_RENDERER='cairo', GSETTINGS_BACKEND='memory',
               XDG_CONFIG_HOME=os.path.join(tmp, 'config'),
               XDG_DATA_HOME=os.path.join(tmp, 'data'),
               XDG_CACHE_HOME=os.path.join(tmp, 'cache'),
               XDG_STATE_HOME=os.path.join(tmp, 'state'))
    env.pop('G_DEBUG', None)
    if 'GSETTINGS_SCHEMA_DIR' not in env and len(sys.argv) > 2:
        env['GSETTINGS_SCHEMA_DIR'] = sys.argv[2]
    for name in ('ASAN_OPTIONS', 'LSAN_OPTIONS'):
        env.pop(name, None)

    # A display that is still starting refuses the first connection now and
    # then: start again (a few times) if the application gives up at once.
    for attempt in range(3):
        app_process = subprocess.Popen([cli, path], env=env)
        try:
            app_process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            break
        time.sleep(1)
    try:
        def find_app():
            if app_process.poll() is not None:
                raise SystemExit('tablewright exited with %d' % app_process.returncode)
            for app in pyatspi.Registry.getDesktop(0):
                if app is not None and app.name == 'tablewright':
                    return app
            return None

        app = poll('the application on the accessibility bus', find_app)
        tap(True, 'the application shows on the accessibility bus')

        data_tab = poll('the Data tab', lambda: find(app, named('page tab', 'Data')))
        do_action(data_tab, 'click')
        tables = poll('the table list', lambda: find(app, named('list', 'Table List')))

        def select_users():
            for i, item in enumerate(tables):
                if find(item, lambda a: a.name == 'users'):
                    return tables.querySelection().selectChild(i)
            return False

        poll('users selected', select_users)
        grid = poll('the data grid', lambda: find(app, named('tree table', 'Data Grid')))
        tap(grid is not None, 'the data grid is found by its name')

        cell = poll('a cell', lambda: find(grid, lambda a: a.name == 'fullname, row 1'))
        tap(True, 'a cell is found by its name')

        do_action(cell, 'cell.edit')
        editor = poll('the cell editor', lambda: find(cell, named('text', 'Cell Editor')) or
                      find(cell, lambda a: a.name == 'Cell Editor' and
                           'EditableText' in pyatspi.listInterfaces(a)))
        text = editor
        if 'EditableText' not in pyatspi.listInterfaces(text):
            text = find(editor, lambda a: 'EditableText' in pyatspi.listInterfaces(a))
        text.queryEditableText().setTextContents('Ada King')
        # Tab, as a user presses it to move on (the editor has the keyboard
        # focus): the value is kept and the next column's cell is edited.
        pyatspi.Registry.generateKeyboardEvent(0xff09, None, pyatspi.KEY_SYM)
        next_cell = poll('the next cell', lambda: find(grid, lambda a: a.name == 'nickname, row 1'))
        poll('the next cell\'s editor', lambda: find(next_cell, lambda a: a.name == 'Cell Editor'))

        # Escape leaves the editor; typing on the cell opens it again with
        # what was typed, as in a spreadsheet, and Enter keeps it.
        def editor_shown(owner):
            return find(owner, lambda a: a.name == 'Cell Editor') is not None

        pyatspi.Registry.generateKeyboardEvent(0xff1b, None, pyatspi.KEY_SYM)
        poll('the editor to close', lambda: not editor_shown(next_cell))
        # A dead acute and an e: one é, through the input method.
        pyatspi.Registry.generateKeyboardEvent(0xfe51, None, pyatspi.KEY_SYM)
        pyatspi.Registry.generateKeyboardEvent(ord('e'), None, pyatspi.KEY_SYM)
        poll('typing to open the editor', lambda: editor_shown(next_cell))
        pyatspi.Registry.generateKeyboardEvent(0xff0d, None, pyatspi.KEY_SYM)
        poll('the editor to close again', lambda: not editor_shown(next_cell))

        # Both values are changes of one row: the Commit button counts rows.
        commit = poll('Commit (1)', lambda: find(app, lambda a: a.getRoleName() == 'push button' and
                                                 a.name == 'Commit' and
                                                 find(a, lambda l: l.getRoleName() == 'label' and
                                                      l.queryText().getText(0, 10) == 'Commit (1)')))
        tap(True, 'the edits are staged: the Commit button counts the changed row')

        do_action(commit, 'click')
        value = poll('the database to change',
                     lambda: query(path, 'SELECT fullname FROM users WHERE id = 1') == 'Ada King')
        tap(value, 'Commit wrote the cell to the database')
        tap(poll('the typed value', lambda: query(path, 'SELECT nickname FROM users WHERE id = 1') == '\u00e9'),
            'typing on a cell edited it with what was typed')
        tap(query(path, 'SELECT fullname FROM users WHERE id = 2') == 'Bob Smith',
            'the other row is unchanged')
    except (Exception, SystemExit):  # Report, then fail the remaining points.
        import traceback
        tap(False, 'the scenario ran to the end', traceback.format_exc())
    finally:
        app_process.kill()
        app_process.wait(timeout=10)

    while len(results) < 7:
        tap(False, 'not reached')
    return 0 if all(results) else 1


if __name__ == '__main__':
    sys.exit(main())
