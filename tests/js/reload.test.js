// serve's page script (src/serve/reload.js) on a stand-in page: the error overlay shows
// the errors as text, in the words the server sends for the site's language.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const SCRIPT = fs.readFileSync(
  path.join(__dirname, '..', '..', 'src', 'serve', 'reload.js'), 'utf8');

/** A stand-in element: what the script sets on it, and its children. */
function element(tag) {
  return {
    tag, children: [], attributes: {}, listeners: {}, textContent: '', type: '', id: '',
    style: { setProperty() {} },
    setAttribute(name, value) { this.attributes[name] = String(value); },
    appendChild(child) { this.children.push(child); child.parent = this; },
    addEventListener(name, f) { this.listeners[name] = f; },
    remove() { const siblings = this.parent.children; siblings.splice(siblings.indexOf(this), 1); },
  };
}

/** Runs the script on a page whose status request answers `status`; resolves to the body
 *  once the answer has been shown, and the event stream's listeners. */
async function page(status) {
  const body = element('body');
  const listeners = {};
  const context = {
    document: {
      body,
      getElementById: () => null,
      createElement: element,
    },
    location: { pathname: '/a/', reload() {}, replace() {} },
    fetch: async () => ({ json: async () => status }),
    EventSource: function EventSource() {
      this.addEventListener = (name, f) => { listeners[name] = f; };
    },
    decodeURIComponent,
  };
  vm.runInNewContext(SCRIPT, context);
  await new Promise((resolve) => setImmediate(resolve));
  return { body, listeners };
}

function overlayOf(body) {
  return body.children.find((c) => c.id === 'sotay-errors');
}

test('an English site gets the overlay in English, the errors as text', async () => {
  const { body } = await page({
    errors: ['a.md:2:1: error: <b>x</b>'], built: true,
    text: { title: 'sotay: the rebuild failed, showing the last good site',
      close: 'Close the error message' },
  });
  const overlay = overlayOf(body);
  assert.ok(overlay, 'an overlay is shown');
  const [close, title, text] = overlay.children;
  assert.equal(title.textContent, 'sotay: the rebuild failed, showing the last good site');
  assert.equal(close.attributes['aria-label'], 'Close the error message');
  assert.equal(text.tag, 'pre');
  assert.equal(text.textContent, 'a.md:2:1: error: <b>x</b>');
});

test('a build-error event replaces the overlay; closing it and an empty list remove it', async () => {
  const { body, listeners } = await page({ errors: [], built: true });
  assert.equal(overlayOf(body), undefined, 'no errors, no overlay');
  listeners['build-error']({
    data: JSON.stringify({ errors: ['b.md:1:1: lỗi'], built: true,
      text: { title: 'sotay: lỗi khi dựng lại, đang hiển thị bản tốt gần nhất',
        close: 'Đóng thông báo lỗi' } }),
  });
  const overlay = overlayOf(body);
  assert.equal(overlay.children[1].textContent,
    'sotay: lỗi khi dựng lại, đang hiển thị bản tốt gần nhất');
  overlay.children[0].listeners.click();
  assert.equal(overlayOf(body), undefined, 'closed');
});
