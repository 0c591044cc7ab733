'use strict'
// Empty stand-in: WebRTC transports are switched off in the test node.
module.exports = {}
