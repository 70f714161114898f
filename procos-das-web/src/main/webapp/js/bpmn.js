// bpmn-js (the navigated viewer, packed into the war at build time) loaded only when a panel first
// shows a diagram, so the console's first paint does not wait for it.
import { h } from './dom.js';

const VENDOR = 'vendor/bpmn-js/';
let loading = null;

function load() {
  if (window.BpmnJS) return Promise.resolve(window.BpmnJS);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      for (const css of ['assets/diagram-js.css', 'assets/bpmn-js.css', 'assets/bpmn-font/css/bpmn.css']) {
        document.head.append(h('link', { rel: 'stylesheet', href: VENDOR + css }));
      }
      const script = h('script', { src: VENDOR + 'bpmn-navigated-viewer.production.min.js' });
      script.onload = () => resolve(window.BpmnJS);
      script.onerror = () => { loading = null; reject(new Error('the diagram viewer (bpmn-js) could not be loaded')); };
      document.head.append(script);
    });
  }
  return loading;
}

/**
 * Shows a BPMN model in the container. Answers a handle to highlight elements: mark(ids, cls)
 * adds a marker class, note(id, text, cls) adds an overlay badge, clear() removes both, flowsBetween
 * finds the sequence flows whose ends are in the given sets, focus(id) scrolls an element into view.
 */
export async function showDiagram(container, xml) {
  const BpmnJS = await load();
  container.replaceChildren();
  const viewer = new BpmnJS({ container });
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const overlays = viewer.get('overlays');
  canvas.zoom('fit-viewport', 'auto');
  let marked = [];

  return {
    viewer,
    has: id => Boolean(registry.get(id)),
    mark(ids, cls) {
      for (const id of ids) {
        if (registry.get(id)) {
          canvas.addMarker(id, cls);
          marked.push([id, cls]);
        }
      }
    },
    note(id, text, cls) {
      if (!registry.get(id)) return;
      overlays.add(id, 'procos', { position: { top: -12, right: 12 }, html: h('span', { class: `diagram-note ${cls}`, text }) });
    },
    clear() {
      for (const [id, cls] of marked) canvas.removeMarker(id, cls);
      marked = [];
      overlays.remove({ type: 'procos' });
    },
    /** Sequence flows whose source is in from and whose target is in to. */
    flowsBetween(from, to) {
      return registry.filter(e => e.type === 'bpmn:SequenceFlow')
        .filter(e => from.has(e.businessObject.sourceRef?.id) && to.has(e.businessObject.targetRef?.id))
        .map(e => e.id);
    },
    focus(id) {
      const element = registry.get(id);
      if (!element) return;
      if (typeof canvas.scrollToElement === 'function') canvas.scrollToElement(element);
      canvas.addMarker(id, 'diagram-focus');
      setTimeout(() => canvas.removeMarker(id, 'diagram-focus'), 2000);
    },
    destroy() { viewer.destroy(); },
  };
}
