// Headless Chromium driven over the DevTools protocol through a pipe (--remote-debugging-pipe:
// no port is opened, no package is needed): open a page, run script in it, press keys, go
// back, take screenshots. For the tests of the search page that need a reader's actions,
// which the --dump-dom runs of tests/integration/search.rs cannot do.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CHROMIUM = '/usr/bin/chromium';

const KEYS = {
  Enter: { code: 'Enter', keyCode: 13, text: '\r' },
  Tab: { code: 'Tab', keyCode: 9 },
  ArrowDown: { code: 'ArrowDown', keyCode: 40 },
  ArrowUp: { code: 'ArrowUp', keyCode: 38 },
  Escape: { code: 'Escape', keyCode: 27 },
};

/** Starts Chromium with a profile in a temporary folder; `close()` ends it and removes
 *  the folder. Fails loudly when Chromium is missing. */
async function launch() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is required for the search page tests (apt-get install -y chromium)`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sotay-chromium-'));
  const child = spawn(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--hide-scrollbars', '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const browser = new Browser(child, profile, () => stderr);
  const targets = await browser.send('Target.getTargets');
  const target = targets.targetInfos.find((t) => t.type === 'page');
  if (!target) throw new Error('chromium opened no page');
  const attached = await browser.send('Target.attachToTarget', { targetId: target.targetId, flatten: true });
  browser.session = attached.sessionId;
  await browser.call('Page.enable');
  await browser.call('Runtime.enable');
  return browser;
}

class Browser {
  constructor(child, profile, stderr) {
    this.child = child;
    this.profile = profile;
    this.stderr = stderr;
    this.next = 1;
    this.waiting = new Map();
    this.listeners = [];
    this.errors = [];
    this.exited = new Promise((resolve) => child.on('exit', resolve));
    let buffer = Buffer.alloc(0);
    child.stdio[4].on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      let end;
      while ((end = buffer.indexOf(0)) >= 0) {
        this.receive(JSON.parse(buffer.subarray(0, end).toString('utf8')));
        buffer = buffer.subarray(end + 1);
      }
    });
    child.on('exit', () => {
      for (const { reject } of this.waiting.values()) reject(new Error(`chromium exited:\n${stderr()}`));
      this.waiting.clear();
    });
  }

  receive(message) {
    if (message.id && this.waiting.has(message.id)) {
      const { resolve, reject, method } = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.error) reject(new Error(`${method}: ${message.error.message}`));
      else resolve(message.result);
      return;
    }
    if (message.method === 'Runtime.exceptionThrown') {
      this.errors.push(message.params.exceptionDetails.exception?.description
        || message.params.exceptionDetails.text);
    }
    if (message.method === 'Runtime.consoleAPICalled' && message.params.type === 'error') {
      this.errors.push(message.params.args.map((a) => a.value ?? a.description).join(' '));
    }
    for (const listener of this.listeners.slice()) listener(message);
  }

  /** A command to the browser itself. */
  send(method, params, sessionId) {
    const id = this.next++;
    const message = { id, method, params: params || {} };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, method });
      this.child.stdio[3].write(JSON.stringify(message) + '\0');
    });
  }

  /** A command to the page. */
  call(method, params) {
    return this.send(method, params, this.session);
  }

  /** Resolves on the next event named `method`, or fails after `ms`. */
  event(method, ms = 10000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        reject(new Error(`no ${method} within ${ms} ms`));
      }, ms);
      const listener = (message) => {
        if (message.method !== method) return;
        clearTimeout(timer);
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolve(message.params);
      };
      this.listeners.push(listener);
    });
  }

  /** The value of an expression in the page (awaited when it is a promise). */
  async evaluate(expression) {
    const r = await this.call('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) {
      throw new Error(`${expression}: ${r.exceptionDetails.exception?.description || r.exceptionDetails.text}`);
    }
    return r.result.value;
  }

  /** Waits until an expression is truthy in the page; returns its value. */
  async until(expression, ms = 10000) {
    const end = Date.now() + ms;
    for (;;) {
      let value;
      try {
        value = await this.evaluate(expression);
      } catch (e) {
        // A page being replaced has no context for a moment.
        if (Date.now() > end) throw e;
      }
      if (value) return value;
      if (Date.now() > end) throw new Error(`still false after ${ms} ms: ${expression}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Runs `action` (a function starting a navigation) and waits for the new page's load. */
  async navigation(action) {
    const loaded = this.event('Page.loadEventFired');
    try {
      await action();
    } catch (e) {
      // A script that navigates may lose its answer to the navigation it started.
      if (!/navigated or closed/.test(e.message)) throw e;
    }
    await loaded;
  }

  open(url) {
    return this.navigation(() => this.call('Page.navigate', { url }));
  }

  back() {
    return this.navigation(() => this.evaluate('history.back()'));
  }

  reload() {
    return this.navigation(() => this.call('Page.reload'));
  }

  /** Presses a key (a name of KEYS) on the focused element, as a keyboard would. */
  async press(name) {
    const key = KEYS[name];
    const common = { key: name, code: key.code, windowsVirtualKeyCode: key.keyCode };
    await this.call('Input.dispatchKeyEvent', { type: 'keyDown', ...common, text: key.text });
    await this.call('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
  }

  /** Types text into the focused field, as an input method does (one input event). */
  async type(text) {
    for (const c of text) await this.call('Input.insertText', { text: c });
  }

  /** Makes the window a phone's: `width` × `height` CSS pixels, touch, mobile viewport. */
  async phone(width, height) {
    await this.call('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: true });
    await this.call('Emulation.setTouchEmulationEnabled', { enabled: true });
  }

  /** A PNG of what the window shows, written to `file`. */
  async screenshot(file) {
    const shot = await this.call('Page.captureScreenshot', { format: 'png' });
    fs.writeFileSync(file, Buffer.from(shot.data, 'base64'));
  }

  async close() {
    try {
      await this.send('Browser.close');
    } catch (e) {
      // Already gone.
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
    fs.rmSync(this.profile, { recursive: true, force: true });
  }
}

module.exports = { launch };
