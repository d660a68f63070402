/**
 * The AsyncAPI 3.0.0 documents, built from the contract registry (so channels, messages and schema
 * references cannot drift from the code). Written to `contracts/asyncapi/` by `scripts/generate.ts`.
 */
import { MEMBER_COUNTRIES, SECRETARIAT } from '@crm/kernel';
import { CE_HEADERS, CE_SPECVERSION } from '../cloudevents';
import { encodeIntegrationEvent, JSON_CONTENT_TYPE } from '../codec';
import type { ContractDefinition } from '../contract';
import { schemaFileFor } from '../json-schema';
import { ceTypeOf, contractKey, schemaIdOf, SERVICES, type ServiceName } from '../naming';
import { contractsOf, type ContractName } from '../registry';
import { bilingual } from '../schema-kit';

export const ASYNCAPI_VERSION = '3.0.0';
export const JSON_SCHEMA_2020_FORMAT = 'application/schema+json;version=draft-2020-12';
export const COMPONENTS_FILE = 'components.yaml';

type Doc = Record<string, unknown>;

const SERVICE_INFO: Record<ServiceName, { es: string; en: string }> = {
  plan: {
    es: 'Planes estratégicos de la Red (2017-2022 y los que se importen después): catálogo, informes de avance de los países y su revisión por la Secretaría Técnica.',
    en: 'Strategic plans of the Network (2017-2022 and any imported later): catalogue, country progress reports and their review by the Technical Secretariat.',
  },
  referrals: {
    es: 'Referencia y seguimiento de casos entre países.',
    en: 'Cross-border case referral and follow-up.',
  },
  alerts: {
    es: 'Alertas de niñez desaparecida y directorio de puntos focales.',
    en: 'Missing-children alerts and the focal-point directory.',
  },
  practices: { es: 'Repositorio de buenas prácticas.', en: 'Good-practice repository.' },
  secretariat: {
    es: 'Tableros, modelos de lectura regionales y revisiones regionales.',
    en: 'Dashboards, regional read models and regional reviews.',
  },
};

/** `components.yaml`: what every service document shares. */
export function componentsDocument(): Doc {
  return {
    asyncapi: ASYNCAPI_VERSION,
    id: 'urn:crm:asyncapi:components',
    info: {
      title: 'CRM — componentes compartidos / shared components',
      version: '1.0.0',
      description: bilingual(
        'Componentes comunes de los documentos AsyncAPI de la plataforma: cabeceras CloudEvents 1.0 (modo binario sobre Kafka) y el parámetro de país de los temas.',
        "Components shared by the platform's AsyncAPI documents: CloudEvents 1.0 headers (Kafka binary mode) and the topics' country parameter.",
      ),
    },
    components: {
      parameters: {
        country: {
          enum: [...MEMBER_COUNTRIES],
          description: bilingual(
            'País miembro de la CRM (ISO 3166-1 alfa-2, en mayúsculas). La ACL de Kafka limita a cada sistema nacional a su país.',
            'CRM member country (ISO 3166-1 alpha-2, upper case). The Kafka ACL confines each national system to its country.',
          ),
          examples: ['HN'],
        },
      },
      schemas: {
        CloudEventsKafkaHeaders: {
          type: 'object',
          description: bilingual(
            'Atributos CloudEvents 1.0 en cabeceras Kafka (modo binario): `ce_<atributo>`; `datacontenttype` viaja como `content-type`.',
            'CloudEvents 1.0 attributes as Kafka headers (binary mode): `ce_<attribute>`; `datacontenttype` travels as `content-type`.',
          ),
          required: [
            CE_HEADERS.id,
            CE_HEADERS.source,
            CE_HEADERS.specversion,
            CE_HEADERS.type,
            CE_HEADERS.crmcountry,
            CE_HEADERS.datacontenttype,
          ],
          properties: {
            [CE_HEADERS.id]: {
              type: 'string',
              minLength: 1,
              description: bilingual(
                'Identificador único del evento (clave de idempotencia).',
                'Unique event id (idempotency key).',
              ),
            },
            [CE_HEADERS.source]: {
              type: 'string',
              description: bilingual(
                'Origen: `/crm/<servicio>` o `/national/<PAÍS>`.',
                'Source: `/crm/<service>` or `/national/<COUNTRY>`.',
              ),
              examples: ['/crm/plan', '/national/HN'],
            },
            [CE_HEADERS.specversion]: {
              type: 'string',
              const: CE_SPECVERSION,
              description: bilingual('Versión de CloudEvents.', 'CloudEvents version.'),
            },
            [CE_HEADERS.type]: {
              type: 'string',
              pattern: '^org\\.crm\\.[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+\\.v[0-9]+$',
              description: bilingual('Tipo: `org.crm.<nombre>.v<N>`.', 'Type: `org.crm.<name>.v<N>`.'),
            },
            [CE_HEADERS.time]: {
              type: 'string',
              format: 'date-time',
              description: bilingual('Momento del hecho (RFC 3339).', 'When it happened (RFC 3339).'),
            },
            [CE_HEADERS.subject]: {
              type: 'string',
              description: bilingual(
                'Sujeto del evento, p. ej. el id del informe.',
                'Subject of the event, e.g. the report id.',
              ),
            },
            [CE_HEADERS.dataschema]: {
              type: 'string',
              format: 'uri',
              description: bilingual(
                '`$id` del esquema JSON del contenido.',
                '`$id` of the payload JSON Schema.',
              ),
            },
            [CE_HEADERS.crmcountry]: {
              type: 'string',
              enum: [...MEMBER_COUNTRIES, SECRETARIAT],
              description: bilingual(
                'Extensión `crmcountry`: jurisdicción a la que concierne el evento (país o ST). Debe coincidir con el país del tema.',
                "Extension `crmcountry`: the jurisdiction the event concerns (country or ST). Must match the topic's country.",
              ),
            },
            [CE_HEADERS.datacontenttype]: {
              type: 'string',
              const: JSON_CONTENT_TYPE,
              description: bilingual('Tipo de contenido del valor.', 'Content type of the value.'),
            },
          },
        },
      },
    },
  };
}

function messageId(contract: ContractDefinition): string {
  const words = contract.name.split('.').slice(1).join('-').split('-');
  return (
    words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('') +
    `V${contract.version}`
  );
}

function exampleOf(contract: ContractDefinition): Doc {
  const data = contract.example as Record<string, unknown>;
  const country = (typeof data.country === 'string' ? data.country : SECRETARIAT) as 'HN';
  const encoded = encodeIntegrationEvent({
    type: contract.name as ContractName,
    version: contract.version as 1,
    data: data as never,
    country,
    id: '0b6a3f5e-8c2d-4f1a-9e7b-3d5c2a1f0e9d',
    time: '2020-07-10T15:04:05.000Z',
    ...(typeof data.reportId === 'string' ? { subject: data.reportId } : {}),
  });
  return {
    name: 'example',
    summary: bilingual('Ejemplo válido.', 'Valid example.'),
    headers: encoded.headers,
    payload: contract.example,
  };
}

function message(contract: ContractDefinition): Doc {
  return {
    name: contractKey(contract.name, contract.version),
    title: bilingual(contract.title.es, contract.title.en),
    summary: ceTypeOf(contract.name, contract.version),
    contentType: JSON_CONTENT_TYPE,
    headers: {
      allOf: [
        { $ref: `./${COMPONENTS_FILE}#/components/schemas/CloudEventsKafkaHeaders` },
        {
          type: 'object',
          properties: {
            [CE_HEADERS.type]: { type: 'string', const: ceTypeOf(contract.name, contract.version) },
            [CE_HEADERS.dataschema]: { type: 'string', const: schemaIdOf(contract.name, contract.version) },
          },
        },
      ],
    },
    payload: { schemaFormat: JSON_SCHEMA_2020_FORMAT, schema: { $ref: `../${schemaFileFor(contract)}` } },
    correlationId: {
      description: bilingual('Identificador del evento (`ce_id`).', 'Event id (`ce_id`).'),
      location: `$message.header#/${CE_HEADERS.id}`,
    },
    examples: [exampleOf(contract)],
  };
}

interface ChannelSpec {
  id: string;
  address: string;
  country: boolean;
  action: 'send' | 'receive';
  title: { es: string; en: string };
  description: { es: string; en: string };
  contracts: ContractDefinition[];
}

function channelSpecs(service: ServiceName): ChannelSpec[] {
  const contracts = contractsOf(service);
  return [
    {
      id: 'countryOutbound',
      address: `crm.{country}.out.${service}`,
      country: true,
      action: 'send',
      title: {
        es: 'Eventos que conciernen a un país (plataforma → país)',
        en: 'Events concerning one country (platform → country)',
      },
      description: {
        es: 'Solo los eventos que conciernen a ese país (una copia por país concernido). La ACL de Kafka permite leerlo solo al sistema nacional de ese país (`User:national-<país>`) y a la Secretaría Técnica (`User:secretariat`), que lee los temas `out` de todos los países.',
        en: "Only the events concerning that country (one copy per concerned country). The Kafka ACL lets only that country's national system (`User:national-<country>`) and the Technical Secretariat (`User:secretariat`), which reads every country's `out` topics, read it.",
      },
      contracts: contracts.filter((c) => c.direction === 'outbound' && c.scope === 'country'),
    },
    {
      id: 'countryInbound',
      address: `crm.{country}.in.${service}`,
      country: true,
      action: 'receive',
      title: {
        es: 'Mensajes del sistema nacional del país (país → plataforma)',
        en: "Messages from the country's national system (country → platform)",
      },
      description: {
        es: 'Solo el sistema nacional de ese país puede escribir en él (ACL literal). Lo rechazado va a `<tema>.dlq` con el motivo, que solo ese país (y la plataforma) puede leer.',
        en: "Only that country's national system may write to it (literal ACL). What is refused goes to `<topic>.dlq` with the reason, readable only by that country (and the platform).",
      },
      contracts: contracts.filter((c) => c.direction === 'inbound'),
    },
    {
      id: 'regional',
      address: `crm.regional.${service}`,
      country: false,
      action: 'send',
      title: { es: 'Eventos de toda la Red', en: 'Network-wide events' },
      description: {
        es: 'Solo eventos de toda la Red que no conciernen a ningún país en particular (`ce_crmcountry: ST`), nunca datos de un país; todos los sistemas nacionales y la Secretaría pueden leerlo. No se copian a los temas de los países.',
        en: "Only network-wide events that concern no single country (`ce_crmcountry: ST`), never a country's data; every national system and the Secretariat may read it. They are not copied to the country topics.",
      },
      contracts: contracts.filter((c) => c.scope === 'regional'),
    },
  ];
}

/** `<service>.asyncapi.yaml`: channels for the per-country and regional topics, operations, messages. */
export function serviceDocument(service: ServiceName): Doc {
  const info = SERVICE_INFO[service];
  const specs = channelSpecs(service);
  const hasMessages = specs.some((s) => s.contracts.length > 0);
  const channels: Doc = {};
  const operations: Doc = {};
  const messages: Doc = {};
  for (const spec of specs) {
    const channelMessages: Doc = {};
    for (const c of spec.contracts) {
      messages[messageId(c)] = message(c);
      channelMessages[messageId(c)] = { $ref: `#/components/messages/${messageId(c)}` };
    }
    channels[spec.id] = {
      address: spec.address,
      title: bilingual(spec.title.es, spec.title.en),
      description: bilingual(spec.description.es, spec.description.en),
      ...(spec.country
        ? { parameters: { country: { $ref: `./${COMPONENTS_FILE}#/components/parameters/country` } } }
        : {}),
      messages: channelMessages,
    };
    if (spec.contracts.length > 0) {
      const verb = spec.action === 'send' ? 'send' : 'receive';
      operations[`${verb}${spec.id.charAt(0).toUpperCase()}${spec.id.slice(1)}`] = {
        action: spec.action,
        title: bilingual(spec.title.es, spec.title.en),
        channel: { $ref: `#/channels/${spec.id}` },
        messages: spec.contracts.map((c) => ({ $ref: `#/channels/${spec.id}/messages/${messageId(c)}` })),
      };
    }
  }
  return {
    asyncapi: ASYNCAPI_VERSION,
    id: `urn:crm:asyncapi:${service}`,
    info: {
      title: `CRM · ${service} — eventos de integración / integration events`,
      version: '1.0.0',
      description: [
        bilingual(info.es, info.en),
        '',
        hasMessages
          ? bilingual(
              'Eventos CloudEvents 1.0 en modo binario sobre Kafka; contenido validado con JSON Schema 2020-12 (`contracts/schemas`).',
              'CloudEvents 1.0 events in Kafka binary mode; payloads validated with JSON Schema 2020-12 (`contracts/schemas`).',
            )
          : bilingual(
              'Aún no hay eventos de integración publicados para este servicio; los temas quedan reservados.',
              'No integration events are published for this service yet; its topics are reserved.',
            ),
      ].join('\n'),
    },
    defaultContentType: JSON_CONTENT_TYPE,
    servers: {
      kafka: {
        host: 'kafka:9092',
        protocol: 'kafka',
        description: bilingual(
          'Broker Kafka de la plataforma (modo KRaft).',
          "The platform's Kafka broker (KRaft mode).",
        ),
      },
    },
    channels,
    ...(Object.keys(operations).length > 0 ? { operations } : {}),
    ...(Object.keys(messages).length > 0 ? { components: { messages } } : {}),
  };
}

export function asyncApiDocuments(): { file: string; document: Doc }[] {
  return [
    { file: `asyncapi/${COMPONENTS_FILE}`, document: componentsDocument() },
    ...SERVICES.map((s) => ({ file: `asyncapi/${s}.asyncapi.yaml`, document: serviceDocument(s) })),
  ];
}
