"""The classroom server: ``socialscore serve``. The whole class plays in a browser on the room's network.

A front end like the terminal and the desktop: it imports the engine and the workshop kit; nothing
imports it but the command line. Parts, one job each:

- :mod:`.store`: SQLite (WAL): rooms, players and every confirmed step, written before a page confirms it;
- :mod:`.room`: the classroom in memory (engine sessions rebuilt by deterministic replay), its phases;
- :mod:`.views`: what a page shows of a frame, a step's score notices, the phone app, the debrief;
- :mod:`.export`: the same JSON Lines logs and HTML report as the file route;
- :mod:`.guard`: security headers, body-size cap and rate limits (ASGI middleware);
- :mod:`.routes`: the Starlette routes, one method a page or action; :mod:`.app`: the application
  (routes behind the guard); :mod:`.serve`: the command.
"""
