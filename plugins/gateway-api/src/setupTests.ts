import '@testing-library/jest-dom';

// jsdom does not lay out SVG; DependencyGraph measures its nodes with getBBox.
Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
  configurable: true,
  value: () => ({ x: 0, y: 0, width: 120, height: 40 }),
});
