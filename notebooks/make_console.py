"""Writes notebooks/02-console.ipynb (cells only; run it to fill the outputs)."""

import nbformat as nbf

M, C = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
cells = [
    M(
        "# The console\n\n`run -it`, `attach`, `start -a`, `exec -it` and `logs -f` open a console: the output streams in "
        "(stderr shown apart from stdout), the line box sends what you type to stdin (Enter), and the buttons send "
        "Ctrl+C, Ctrl+D, or detach (Ctrl+P, Ctrl+Q). The same object works from code: `send()`, `eof()`, "
        "`interrupt()`, `detach()`, `wait()`, `text`, `bytes_received`, `exit_code`, `status`."
    ),
    C(
        "%load_ext dockerwidgets\nimport time\n\n\ndef settle(console, marker, timeout=10):\n"
        '    """Wait until the console shows *marker* (the container answers asynchronously)."""\n'
        "    deadline = time.monotonic() + timeout\n    while marker not in console.text and time.monotonic() < deadline:\n"
        "        time.sleep(0.05)"
    ),
    C(
        "# NBVAL_IGNORE_OUTPUT\n# Start clean: only this notebook's containers.\nimport pandas as pd\n\n"
        'pd.set_option("display.width", 250)  # tables on one line in plain text\n'
        "leftovers = %docker ps -a -q --filter label=demo=console\n"
        "if leftovers:\n    %docker rm -f {' '.join(leftovers)}"
    ),
    M("## `docker run -i -t`: a shell\nThe container is created, attached, then started, so not a byte is missed."),
    C("shell = %docker run -i -t --name myshell -l demo=console centos:7"),
    M("Type in the box under the output, or send from code:"),
    C("settle(shell, '# ')\nshell.send('cat /etc/dw-image\\n')\nsettle(shell, 'centos:7\\n')\nshell.status"),
    M("## Ctrl+P, Ctrl+Q: leave it running\nThe Detach button, or the key bytes typed:"),
    C("shell.detach()\nshell.status"),
    C("%docker ps --filter name=myshell"),
    M("## `docker attach`: back to it"),
    C("again = %docker attach myshell"),
    C("again.send('echo still here\\n')\nsettle(again, 'still here\\n')\nagain.status"),
    M("## `exit` (or Ctrl+D): the container stops"),
    C("again.send('exit 3\\n')\nagain.wait(10), again.status"),
    C("%docker ps -a --filter name=myshell"),
    M("## Without `-t`: the two streams, demultiplexed\nstderr shows apart from stdout; Ctrl+D closes stdin."),
    C("cat = %docker run -i --name mycat -l demo=console busybox sh -c 'cat; echo done >&2'"),
    C("cat.send('hello\\n')\ncat.eof()\ncat.wait(10), cat.text"),
    M("## `docker exec -it`"),
    C("%docker run -d --name server -l demo=console busybox sh -c 'while true; do echo tick; sleep 0.5; done'"),
    C("inside = %docker exec -it server sh"),
    C(
        "settle(inside, '# ')\ninside.send('cat /etc/dw-image; exit\\n')\ninside.wait(10), 'busybox:latest' in inside.text"
    ),
    M("## `docker logs -f`: follow a log until you close it"),
    C("log = %docker logs -f --tail 2 server"),
    C("settle(log, 'tick')\nlog.close()\nlog.status"),
    M(
        "## Settings\n`%config DockerMagics.scrollback = N` bounds what is kept for display; `save_to=` keeps every byte:"
    ),
    C(
        "import dockerwidgets\n\n%config DockerMagics.scrollback = 100\n"
        "counted = dockerwidgets.docker('run --rm busybox seq 1 100000', save_to='/tmp/dockerwidgets-seq.txt')\n"
        "counted.wait(30), counted.bytes_received, len(counted.text.splitlines()) <= 100"
    ),
    C("open('/tmp/dockerwidgets-seq.txt').read().splitlines()[-1]"),
    C("%config DockerMagics.scrollback = 3000\n%docker rm -f myshell mycat server"),
]
nb = nbf.v4.new_notebook(cells=cells)
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbf.write(nb, "02-console.ipynb")
