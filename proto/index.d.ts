export * from './generated/suitrust';
