import { listTypeErrors } from './listTypes';

const schema = {
  type: 'object',
  properties: {
    ports: {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['port', 'protocol'],
      items: { type: 'object' },
    },
    tags: {
      type: 'array',
      'x-kubernetes-list-type': 'set',
      items: { type: 'string' },
    },
    anything: { type: 'array', items: { type: 'string' } },
    byName: {
      type: 'object',
      additionalProperties: {
        type: 'array',
        'x-kubernetes-list-type': 'set',
        items: { type: 'integer' },
      },
    },
  },
};

describe('list-type validation', () => {
  it('reports each repeated map key tuple once, at its first repeat, printed as Go prints it', () => {
    expect(
      listTypeErrors(schema, {
        ports: [
          { port: 80, protocol: 'TCP', name: 'a' },
          { port: 80, protocol: 'UDP' },
          { protocol: 'TCP', port: 80, name: 'b' },
          { port: 80, protocol: 'TCP' },
        ],
      }),
    ).toEqual([
      {
        reason: 'FieldValueDuplicate',
        field: 'ports[2]',
        detail:
          'Duplicate value: map[string]interface {}{"port":80, "protocol":"TCP"}',
      },
    ]);
  });

  it('treats items without the keys as having the same (empty) key', () => {
    expect(listTypeErrors(schema, { ports: [{}, { name: 'x' }] })).toEqual([
      {
        reason: 'FieldValueDuplicate',
        field: 'ports[1]',
        detail: 'Duplicate value: map[string]interface {}{}',
      },
    ]);
  });

  it('requires unique set items, under additionalProperties too', () => {
    expect(
      listTypeErrors(schema, {
        tags: ['a', 'b', 'a', 'b', 'a'],
        byName: { x: [1, 2, 1] },
        anything: ['a', 'a'],
      }),
    ).toEqual([
      {
        reason: 'FieldValueDuplicate',
        field: 'tags[2]',
        detail: 'Duplicate value: "a"',
      },
      {
        reason: 'FieldValueDuplicate',
        field: 'tags[3]',
        detail: 'Duplicate value: "b"',
      },
      {
        reason: 'FieldValueDuplicate',
        field: 'byName[x][2]',
        detail: 'Duplicate value: 1',
      },
    ]);
  });

  it('accepts unique items', () => {
    expect(
      listTypeErrors(schema, {
        ports: [
          { port: 80, protocol: 'TCP' },
          { port: 80, protocol: 'UDP' },
        ],
        tags: ['a', 'b'],
      }),
    ).toEqual([]);
  });
});
