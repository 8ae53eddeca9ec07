// Preloaded into the suite's server: whatever it asks for, it listens on 127.0.0.1 only.
import net from 'node:net'

const listen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' || typeof args[0] === 'string') {
    const port = args.shift()
    return listen.call(this, { port: Number(port), host: '127.0.0.1' }, ...args.filter(a => typeof a === 'function'))
  }
  if (args[0] !== null && typeof args[0] === 'object') {
    args[0] = { ...args[0], host: '127.0.0.1' }
  }
  return listen.apply(this, args)
}
