"""The web service: REST API, socket.io chat, health and metrics, on one aiohttp app."""
