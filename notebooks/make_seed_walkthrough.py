"""Writes notebooks/01-seed-walkthrough.ipynb (cells only; run it to fill the outputs)."""

import nbformat as nbf

M, C = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
cells = [
    M(
        "# The seed walkthrough\n\nEvery command of the Docker study notes, typed as in a terminal with a `%` in front. "
        "Results are data: tables are pandas DataFrames, `inspect` is a dict, state changes print what the CLI prints.\n\n"
        "The demo's containers carry the label `demo=seed`, so the clean-up cells below touch nothing else."
    ),
    C("%load_ext dockerwidgets"),
    C(
        "# NBVAL_IGNORE_OUTPUT\n# Start clean: the demo's own containers only, and the seed's image, so the pull below is real.\n"
        'import pandas as pd\n\npd.set_option("display.width", 250)  # tables on one line in plain text\n'
        "leftovers = %docker ps -a -q --filter label=demo=seed\n"
        "if leftovers:\n    %docker rm -f {' '.join(leftovers)}\n"
        "seed_image = %docker images -q centos:7\n"
        "if seed_image:\n    %docker rmi -f centos:7"
    ),
    M("## Row 4: `docker -v`\nThe client (this package, docker-py) and the engine it talks to."),
    C("# NBVAL_IGNORE_OUTPUT\n%docker -v"),
    M(
        "## Row 1: image names\n`[registry/][repository/]name[:tag]`, parsed as the engine does: default registry, "
        "`library/` for official images, default tag `latest`."
    ),
    C(
        "from dockerwidgets.reference import parse_reference\n\n"
        'ref = parse_reference("ericj079/ubuntu:14.04")\nref.domain, ref.path, ref.tag, str(ref)'
    ),
    C('str(parse_reference("ubuntu").with_default_tag())'),
    M("A malformed reference gets the engine's message in one line, and nothing is asked of the engine:"),
    C("# NBVAL_RAISES_EXCEPTION\n%docker pull 'Bad:Ref:x'"),
    M(
        "## Rows 2 and 8: `docker pull centos:7`\nA real pull (from the local registry), with a bar per layer while it runs."
    ),
    C("%docker pull centos:7"),
    M("## Row 9: `docker images`"),
    C("%docker images centos"),
    M("The text is the CLI's; the typed values are beside it, aligned row for row:"),
    C('images = %docker images centos\nimages.docker.typed[["repository", "tag", "size"]]'),
    M("## Row 10: `docker create -i -t --name mycentos centos:7`\nCreated, not started; the CLI prints the id."),
    C("%docker create -i -t --name mycentos -l demo=seed centos:7"),
    M("## Row 11: `docker start mycentos`"),
    C("%docker start mycentos"),
    M("## Row 13: `docker ps` and `docker ps -a`"),
    C("%docker run -d --name finished -l demo=seed busybox true\n%docker wait finished"),
    C("%docker ps"),
    C("%docker ps -a"),
    C("%docker ps -a -q"),
    M(
        "Filter like any DataFrame; `.docker.typed` follows the rows that remain (full id, state, exit code, timestamps):"
    ),
    C(
        'containers = %docker ps -a\nstopped = containers[containers["STATUS"].str.startswith("Exited")]\n'
        'stopped.docker.typed[["name", "state", "exit_code"]]'
    ),
    M(
        "## Row 14: the whole id\n`inspect` returns the engine's JSON as a dict (collapsible in JupyterLab); "
        "`-f` takes the CLI's Go templates as typed."
    ),
    C("%docker inspect -f '{{.Id}}' mycentos"),
    C('info = %docker inspect mycentos\ninfo["Config"]["Cmd"], info["State"]["Status"]'),
    M("## Rows 15 and 16: COMMAND and STATUS; `pause` / `unpause`"),
    C("%docker pause mycentos\n%docker ps --filter name=mycentos"),
    C("%docker unpause mycentos"),
    M("## Rows 17 and 18: names the engine picks, and `rename`"),
    C(
        "# NBVAL_IGNORE_OUTPUT\nanonymous = %docker create -l demo=seed centos:7\nname = %docker inspect -f '{{.Name}}' {anonymous}\npicked = name.lstrip('/')\npicked"
    ),
    C("%docker rename $picked big_container\n%docker ps -a --filter name=big_container"),
    M("## Row 19: `rm` of a running container\nThe engine's refusal, in one line; nothing changes."),
    C("# NBVAL_RAISES_EXCEPTION\n%docker rm mycentos"),
    C("%docker ps --filter name=mycentos"),
    M("## Row 20: `stop`, then `rm`; or `rm -f`"),
    C("%docker stop mycentos\n%docker rm mycentos"),
    M(
        "## Row 3: a container keeps its changes in its own layer\n`diff` lists them (A added, C changed, D deleted); the image stays as it was."
    ),
    C(
        "%docker run -d --name changer -l demo=seed centos:7 sh -c 'echo hi > /tmp/note; rm /etc/group; sleep 300'\n"
        "%docker exec changer ls /tmp"
    ),
    C("%docker diff changer"),
    M("A new container from the same image starts from the image as it was:"),
    C("%docker run --rm centos:7 ls /tmp /etc/group"),
    M("## Row 23: ports\n`-p HOST:CONTAINER` publishes a port; `port` lists what is published."),
    C("%docker run -d --name web -l demo=seed -p 18080:80 busybox httpd -f -p 80 -h /etc\n%docker port web"),
    C('import urllib.request\n\nurllib.request.urlopen("http://127.0.0.1:18080/dw-image").read()'),
    C("%docker ps --filter name=web"),
    M("## Beyond the notes: `logs`, `exec`, `top`"),
    C(
        "%docker run -d --name talker -l demo=seed busybox sh -c 'for i in 1 2 3; do echo line $i; done; sleep 300'\n"
        "import time\n\ntime.sleep(1)\n%docker logs talker"
    ),
    C("%docker logs --tail 1 talker"),
    C("check = %docker exec talker cat /etc/dw-image\ncheck.wait(10), check.text"),
    C('processes = %docker top talker\nprocesses["CMD"].to_list()'),
    M(
        "## Row 21: `container prune`\nWithout `-f` it asks first, and removes nothing until confirmed "
        "(a Yes button, or `.confirm()`)."
    ),
    C("question = %docker container prune --filter label=demo=seed\nquestion"),
    C("%docker ps -a -q --filter status=exited --filter label=demo=seed"),
    C("question.confirm()"),
    M("## Row 22: `docker stop $(docker ps -a -q)`\n`$( … )` is run by the extension itself, never by a shell."),
    C("%docker stop -t 1 $(docker ps -a -q --filter label=demo=seed)"),
    C("%docker rm $(docker ps -a -q --filter label=demo=seed)"),
    C("%docker ps -a --filter label=demo=seed"),
]
nb = nbf.v4.new_notebook(cells=cells)
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbf.write(nb, "01-seed-walkthrough.ipynb")
