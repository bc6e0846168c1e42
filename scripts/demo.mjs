#!/usr/bin/env node
// Starts the demo: the image server and the web app. Not built yet.
console.log('The demo is coming: it needs the server adapter and the Mantine preset.');
