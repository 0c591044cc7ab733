'use strict'
// Empty stand-in: WebRTC transports are switched off in the test node.
module.exports = function unavailable () {
  throw new Error('electron-webrtc is not available in this build')
}
