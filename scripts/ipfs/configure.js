'use strict'
// Rewrites a freshly initialised js-ipfs repo config so the node stays on the loopback
// interface and never dials anything it was not asked to: no bootstrap peers, no delegates,
// no mDNS, no WebRTC star, no UPnP, no DHT.
// Usage: node configure.js <config-file> <api-port> <swarm-port>
const fs = require('fs')

const [file, apiPort, swarmPort] = process.argv.slice(2)
if (!file || !/^\d+$/.test(apiPort || '') || !/^\d+$/.test(swarmPort || '')) {
  console.error('usage: node configure.js <config-file> <api-port> <swarm-port>')
  process.exit(2)
}

const config = JSON.parse(fs.readFileSync(file, 'utf8'))
config.Addresses = {
  ...config.Addresses,
  API: `/ip4/127.0.0.1/tcp/${apiPort}`,
  Gateway: '/ip4/127.0.0.1/tcp/0',
  RPC: '/ip4/127.0.0.1/tcp/0/ws',
  Swarm: [`/ip4/127.0.0.1/tcp/${swarmPort}`],
  Announce: [],
  NoAnnounce: [],
  Delegates: []
}
config.Bootstrap = []
config.Discovery = {
  ...config.Discovery,
  MDNS: { ...(config.Discovery || {}).MDNS, Enabled: false },
  webRTCStar: { ...(config.Discovery || {}).webRTCStar, Enabled: false }
}
config.Swarm = { ...config.Swarm, DisableNatPortMap: true }
config.Routing = { ...config.Routing, Type: 'none' }
config.Pubsub = { ...config.Pubsub, Enabled: false }
config.relay = { enabled: false, hop: { enabled: false, active: false } }

fs.writeFileSync(file, JSON.stringify(config, null, 2))
