// The questions-and-answers part of the public API's contract (merged into openapi.ts's document).

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

export const questionSchemas = {
  Answer: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'body', 'author', 'badge', 'helpful_count', 'created_at'],
    properties: {
      id: { type: 'string' },
      body: { type: 'string' },
      author: { type: 'string', description: 'The display name the person chose.' },
      badge: {
        type: ['string', 'null'],
        enum: ['owner', 'seller', null],
        description: '"owner": a verified buyer of the product ("Owns it"); "seller": staff of the product’s merchant.',
      },
      helpful_count: { type: 'integer', minimum: 0 },
      created_at: { type: 'string', format: 'date-time' },
    },
  },
  Question: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'body', 'author', 'created_at', 'answers'],
    properties: {
      id: { type: 'string' },
      body: { type: 'string' },
      author: { type: 'string' },
      created_at: { type: 'string', format: 'date-time' },
      answers: { type: 'array', description: 'Published answers, oldest first.', items: { $ref: '#/components/schemas/Answer' } },
    },
  },
  QuestionList: {
    type: 'object',
    additionalProperties: false,
    required: ['merchant_id', 'sku', 'product_name', 'url', 'total', 'page', 'per_page', 'questions'],
    properties: {
      merchant_id: { type: 'string' },
      sku: { type: 'string' },
      product_name: { type: 'string' },
      url: { type: 'string', format: 'uri', description: 'The product’s page on Candor, where people ask and answer.' },
      total: { type: 'integer', minimum: 0, description: 'Published questions of the product.' },
      page: { type: 'integer', minimum: 1 },
      per_page: { type: 'integer', minimum: 1, maximum: 50 },
      questions: { type: 'array', items: { $ref: '#/components/schemas/Question' } },
    },
  },
};

export function questionPaths(pathParams: readonly object[], cachingHeaders: object) {
  return {
    '/api/v1/merchants/{merchantId}/products/{sku}/questions': {
      get: {
        operationId: 'listQuestions',
        security: [],
        summary: 'Published questions of a product with their published answers, newest question first',
        parameters: [
          ...pathParams,
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
          { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 } },
        ],
        responses: {
          '200': {
            description: 'A page of questions',
            headers: cachingHeaders,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/QuestionList' } } },
          },
          '304': { description: 'Not modified (If-None-Match matched)' },
          '404': problemResponse('Unknown merchant or SKU'),
          '400': problemResponse('Invalid query parameters (each named in `errors`)'),
        },
      },
    },
  };
}
